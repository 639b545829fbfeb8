package io.noesis.audit.streams;

/**
 * Keys of the audit-trail store: "episodeId/position", the position zero-padded to 19 digits so that
 * the store's byte order is the chain's order and one range scan yields an episode's timeline.
 */
final class TrailKeys {

    private static final String SEPARATOR = "/";
    private static final int POSITION_DIGITS = 19;

    static String of(String episodeId, long position) {
        return episodeId + SEPARATOR + String.format("%0" + POSITION_DIGITS + "d", position);
    }

    static String first(String episodeId) {
        return of(episodeId, 0);
    }

    static String last(String episodeId) {
        return of(episodeId, Long.MAX_VALUE);
    }

    /** An episode id may itself contain the separator; only keys of exactly this id's length belong to it. */
    static boolean belongsTo(String key, String episodeId) {
        return key.length() == episodeId.length() + SEPARATOR.length() + POSITION_DIGITS;
    }

    private TrailKeys() {
    }
}
