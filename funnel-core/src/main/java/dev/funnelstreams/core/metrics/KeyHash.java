package dev.funnelstreams.core.metrics;

import java.util.Objects;

/**
 * The hash of a cell key's parts, as a record's generated {@code hashCode} combines them but without its
 * method handles (ObjectMethods: about 7 % of the batch report's profile; cell keys are hashed ~150 times a
 * lead) and without the array {@code Objects.hash} allocates. The keys write their {@code equals} out too.
 */
final class KeyHash {

    private KeyHash() {
    }

    static int of(Object a, Object b) {
        return 31 * Objects.hashCode(a) + Objects.hashCode(b);
    }

    static int of(Object a, Object b, Object c) {
        return 31 * of(a, b) + Objects.hashCode(c);
    }

    static int of(Object a, Object b, Object c, Object d) {
        return 31 * of(a, b, c) + Objects.hashCode(d);
    }

    static int of(Object a, Object b, Object c, Object d, Object e) {
        return 31 * of(a, b, c, d) + Objects.hashCode(e);
    }

    static int of(Object a, Object b, Object c, Object d, Object e, Object f) {
        return 31 * of(a, b, c, d, e) + Objects.hashCode(f);
    }
}
