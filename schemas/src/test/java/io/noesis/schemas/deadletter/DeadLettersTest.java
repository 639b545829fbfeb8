package io.noesis.schemas.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void listenersHearOfEveryDeadLetterSentUntilTheyStop() {
        List<String> heard = new ArrayList<>();
        DeadLetterListener listener = (consumer, topic) -> heard.add(consumer + " " + topic);
        DeadLetters.addListener(listener);

        DeadLetters.sent(DeadLetters.of("noesis-test", "noesis.episode.requests", 3, 42, null, new byte[] {1},
                new IllegalArgumentException("unreadable")));
        DeadLetters.removeListener(listener);
        DeadLetters.sent(DeadLetters.of("noesis-test", "noesis.agent.reports", 0, 1, null, null,
                new IllegalArgumentException("unreadable")));

        assertEquals(List.of("noesis-test noesis.episode.requests"), heard);
    }
}
