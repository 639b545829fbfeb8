package io.noesis.system;

import io.noesis.deploy.runtime.LocalStack;
import io.noesis.deploy.runtime.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Crashes the parts of a running stack one after another, each service in turn and then the broker, with
 * SIGKILL, and starts each again on the same ports and data; the next crash comes only once the part is
 * back (ready). Runs on its own thread while the test drives traffic.
 */
final class StackFaults {

    /** One part of the stack: how to crash it and how to bring it back. */
    private record Part(String name, Runnable kill, Runnable restart) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<String> kills = new CopyOnWriteArrayList<>();
    private final int rounds;
    private final Duration pause;
    private final Duration downtime;
    private final Thread thread = new Thread(this::run, "stack-faults");
    private volatile RuntimeException failure;

    /**
     * @param pause    how long the stack runs undisturbed before each crash
     * @param downtime how long a crashed part stays down before it is started again
     */
    StackFaults(LocalStack stack, int rounds, Duration pause, Duration downtime) {
        this.rounds = rounds;
        this.pause = pause;
        this.downtime = downtime;
        for (Service service : Service.values()) {
            parts.add(new Part(service.module(), () -> stack.kill(service), () -> {
                stack.startService(service);
                stack.awaitService(service);
            }));
        }
        parts.add(new Part("kafka", stack::killBroker, stack::startBroker));
    }

    void start() {
        thread.start();
    }

    /** Waits until every crash is done and every part is back; rethrows what went wrong (a part that did not come back). */
    void awaitDone(Duration patience) throws InterruptedException {
        thread.join(patience.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("The crashes and restarts did not finish within " + patience + "; done: " + kills);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The parts crashed so far, in order. */
    List<String> kills() {
        return List.copyOf(kills);
    }

    private void run() {
        try {
            for (int round = 0; round < rounds; round++) {
                for (Part part : parts) {
                    Thread.sleep(pause.toMillis());
                    part.kill().run();
                    kills.add(part.name());
                    Thread.sleep(downtime.toMillis());
                    part.restart().run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException partDidNotComeBack) {
            failure = partDidNotComeBack;
        }
    }
}
