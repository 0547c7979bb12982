#!/usr/bin/python3
"""Reads output topics to the end with Confluent's own Python client and prints JSON.

Used by ConfluentClientReadsOutputsIT: the legacy ``confluent_kafka.avro.AvroConsumer`` (Debian's
python3-confluent-kafka 1.7, with python3-avro and python3-requests) looks each writer schema up by
the id in the Confluent wire format (GET /schemas/ids/{id}) and decodes key and value.

Output: one line per topic, {"topic": T, "records": [{"key": K, "value": V}, ...]}, the latest
value per key (a compacted upsert view); decimals as plain strings, timestamps as ISO-8601 UTC
instants the way java.time.Instant prints them.

Usage: confluent_read_outputs.py BOOTSTRAP REGISTRY_URL TOPIC...
"""
import datetime
import decimal
import json
import sys
import time
import uuid

from confluent_kafka import OFFSET_BEGINNING, TopicPartition
from confluent_kafka.avro import AvroConsumer


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.timezone.utc)
        text = utc.strftime("%Y-%m-%dT%H:%M:%S")
        if utc.microsecond:
            text += ".%03d" % (utc.microsecond // 1000)
        return text + "Z"
    return value


def read_topic(bootstrap, registry, topic, timeout_s=60.0):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap,
        "schema.registry.url": registry,
        "group.id": "confluent-read-" + str(uuid.uuid4()),
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
    })
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        assigned = [TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(partitions)]
        ends = {tp.partition: consumer.get_watermark_offsets(tp, timeout=10)[1] for tp in assigned}
        consumer.assign(assigned)
        latest = {}
        remaining = {p for p, end in ends.items() if end > 0}
        idle = 0
        deadline = time.monotonic() + timeout_s
        while remaining and time.monotonic() < deadline:
            msg = consumer.poll(1.0)
            idle = idle + 1 if msg is None else 0
            if msg is not None:
                if msg.error():
                    raise RuntimeError("%s: %s" % (topic, msg.error()))
                key = plain(msg.key())
                ident = json.dumps(key, sort_keys=True)
                if msg.value() is None:
                    latest.pop(ident, None)
                else:
                    latest[ident] = {"key": key, "value": plain(msg.value())}
            for tp in consumer.position([TopicPartition(topic, p) for p in remaining]):
                # The end offset of a transactional partition is one past its commit marker, which
                # the position may not pass until the next fetch: a quiet partition one short is done.
                if tp.offset >= ends[tp.partition] or (idle >= 3 and tp.offset == ends[tp.partition] - 1):
                    remaining.discard(tp.partition)
        if remaining:
            raise RuntimeError("%s: partitions %s not read to the end in %.0f s" % (topic, sorted(remaining), timeout_s))
        return list(latest.values())
    finally:
        consumer.close()


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    bootstrap, registry = argv[1], argv[2]
    for topic in argv[3:]:
        print(json.dumps({"topic": topic, "records": read_topic(bootstrap, registry, topic)}, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
