package io.noesis.approval.kafka;

import io.noesis.schemas.serde.RegistryOutage;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A plain consumer polled on a thread of its own until stopped, handing each record to a handler. An
 * unreadable record is skipped (the topologies already dead-letter it); one that is unreadable only while
 * the schema registry is unreachable is read again once it answers.
 */
public final class ConsumerLoop<V> {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final KafkaConsumer<String, V> consumer;
    private final Consumer<ConsumerRecord<String, V>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    public ConsumerLoop(String name, KafkaConsumer<String, V> consumer, Consumer<ConsumerRecord<String, V>> handler) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::pollUntilStopped, name);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    private void pollUntilStopped() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (WakeupException stopping) {
            LOG.debugf("%s stopped", name);
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "%s failed and stopped reading", name);
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() {
        try {
            consumer.poll(Duration.ofSeconds(1)).forEach(handler);
        } catch (RecordDeserializationException unreadable) {
            if (RegistryOutage.isCauseOf(unreadable)) {
                waitForTheRegistry(unreadable);
                return;
            }
            LOG.warnf("%s skips the unreadable record %s@%d: %s", name, unreadable.topicPartition(), unreadable.offset(),
                    unreadable.getMessage());
            consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
        }
    }

    /** The record is readable once the registry answers: the next poll reads it again. */
    private void waitForTheRegistry(RecordDeserializationException unreadable) {
        LOG.warnf("%s waits for the schema registry to read %s@%d: %s", name, unreadable.topicPartition(),
                unreadable.offset(), unreadable.getMessage());
        consumer.seek(unreadable.topicPartition(), unreadable.offset());
        RegistryOutage.pauseBeforeRetry();
    }
}
