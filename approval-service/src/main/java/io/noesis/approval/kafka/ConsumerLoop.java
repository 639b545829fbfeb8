package io.noesis.approval.kafka;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A plain consumer polled on a thread of its own until stopped, handing each record to a handler. An
 * unreadable record is skipped (the topologies already dead-letter it).
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
            LOG.warnf("%s skips the unreadable record %s@%d: %s", name, unreadable.topicPartition(), unreadable.offset(),
                    unreadable.getMessage());
            consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
        }
    }
}
