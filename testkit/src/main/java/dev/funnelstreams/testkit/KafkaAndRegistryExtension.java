package dev.funnelstreams.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts one {@link EmbeddedKafkaBroker} per test JVM (and an {@link ApicurioRegistry} when a test first asks for
 * its URL) and hands tests a {@link TestCluster}: as a parameter, or in any non-final field of that type.
 */
public final class KafkaAndRegistryExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaAndRegistryExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        inject(context.getRequiredTestClass(), null, context, field -> Modifier.isStatic(field.getModifiers()));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        inject(testInstance.getClass(), testInstance, context, field -> !Modifier.isStatic(field.getModifiers()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster(extensionContext);
    }

    private static TestCluster cluster(ExtensionContext context) {
        // The root store outlives every test class, so all classes of the run share one broker and registry.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedCluster.class, key -> SharedCluster.start(), SharedCluster.class);
    }

    private static void inject(Class<?> testClass, Object target, ExtensionContext context, Predicate<Field> which) {
        Predicate<Field> clusterFields = field -> field.getType() == TestCluster.class
                && !Modifier.isFinal(field.getModifiers()) && which.test(field);
        for (Field field : ReflectionSupport.findFields(testClass, clusterFields, HierarchyTraversalMode.TOP_DOWN)) {
            try {
                field.setAccessible(true);
                field.set(target, cluster(context));
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("cannot inject TestCluster into " + field, e);
            }
        }
    }
}
