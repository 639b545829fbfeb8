package io.noesis.episode.api;

import io.noesis.episode.domain.EpisodeFilter;
import io.noesis.episode.domain.EpisodeRequestRules;
import io.noesis.episode.domain.EpisodeStatus;
import io.noesis.service.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/** The query parameters of the episode API, read as text so that every bad value gets a 400 naming it. */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** An index key: the reversed creation time, then the episode id. */
    private static final Pattern INDEX_KEY = Pattern.compile("\\d{19}/[A-Za-z0-9._:-]{1,64}");

    static EpisodeFilter filter(String status, String tag, String parentEpisodeId, String createdAfter,
            String createdBefore) {
        String[] keyAndValue = tag == null ? new String[] {null, null} : tag(tag);
        if (parentEpisodeId != null && !EpisodeRequestRules.isEpisodeId(parentEpisodeId)) {
            throw new InvalidInputException("parent_episode_id", "must be an episode id");
        }
        return new EpisodeFilter(status(status), keyAndValue[0], keyAndValue[1], parentEpisodeId,
                instant("created_after", createdAfter), instant("created_before", createdBefore));
    }

    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like any other out-of-range limit
        }
        throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** The first sequence number wanted; an episode's log starts at 1. */
    static long fromSequence(String fromSequence) {
        if (fromSequence == null) {
            return 1;
        }
        try {
            long parsed = Long.parseLong(fromSequence);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like any other out-of-range sequence
        }
        throw new InvalidInputException("from_sequence", "must be a whole number from 1");
    }

    /** The cursor is opaque to clients: the index key of the last episode listed, base64url-encoded. */
    static String cursor(String continueAfter) {
        return continueAfter == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(continueAfter.getBytes(StandardCharsets.UTF_8));
    }

    static String continueAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (INDEX_KEY.matcher(key).matches()) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new InvalidInputException("cursor", "must be the next_cursor of an earlier answer");
    }

    private static EpisodeStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return EpisodeStatus.valueOf(status);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("status", "must be one of " + Arrays.toString(EpisodeStatus.values()));
        }
    }

    private static String[] tag(String tag) {
        int colon = tag.indexOf(':');
        if (colon < 1) {
            throw new InvalidInputException("tag", "must be key:value");
        }
        return new String[] {tag.substring(0, colon), tag.substring(colon + 1)};
    }

    private static Instant instant(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException notIso) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
        }
    }

    private QueryParameters() {
    }
}
