package io.noesis.audit.api;

import io.noesis.audit.domain.ChainLink;
import java.time.Instant;
import java.util.List;

/** An episode's audit timeline as JSON: its links in chain order, each with the source record's coordinates. */
public record TimelineView(String episodeId, List<RecordView> records) {

    public record RecordView(long position, Instant time, Instant recordedAt, String sourceTopic, int sourcePartition,
            long sourceOffset, String actor, String action, String summary, String prevHash, String hash) {

        static RecordView of(ChainLink link) {
            return new RecordView(link.position(), link.sourceTimestamp(), link.recordedAt(), link.sourceTopic(),
                    link.sourcePartition(), link.sourceOffset(), link.actor(), link.action(), link.summary(),
                    link.prevHash(), link.hash());
        }
    }

    static TimelineView of(String episodeId, List<ChainLink> links) {
        return new TimelineView(episodeId, links.stream().map(RecordView::of).toList());
    }
}
