package io.noesis.episode.streams;

import static io.noesis.episode.EpisodeFixtures.stateIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.noesis.episode.domain.EpisodeState;
import io.noesis.episode.domain.EpisodeStatus;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EpisodeStoresTest {

    private final Serde<EpisodeState> serde = EpisodeStores.stateSerde();

    @Test
    void aStateStoredBeforeReportsCouldBeHeldReadsAsHoldingNone() throws Exception {
        EpisodeState state = stateIn("ep-1", EpisodeStatus.AWAITING_APPROVAL);
        ObjectMapper json = new ObjectMapper();
        ObjectNode stored = (ObjectNode) json.readTree(serde.serializer().serialize("episodes", state));
        stored.remove("heldReports");

        EpisodeState read = serde.deserializer().deserialize("episodes", json.writeValueAsBytes(stored));

        assertThat(read.heldReports()).isEmpty();
        assertThat(read).isEqualTo(state);
    }
}
