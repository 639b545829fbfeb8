package io.noesis.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {

    /** A stack takes a dozen random ports at once: the operating system may offer a closed probe's port again. */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> ports.add(Ports.freePort()));
        assertEquals(500, ports.size());
    }
}
