package io.noesis.approval.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Filtering and keyset pagination of approval lists, ordered by deadline (never-expiring rounds last). A cursor
 * is the position of the last item shown, so a round arriving or leaving between pages shifts nothing.
 */
public final class Listing {

    private Listing() {
    }

    /** Where an item sits in the order: its deadline, then a time that breaks ties, then a unique id. */
    public record Position(Instant deadline, Instant tieBreak, String id) {

        public static final Comparator<Position> ORDER = Comparator
                .comparing(Position::deadline, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .thenComparing(Position::tieBreak)
                .thenComparing(Position::id);

        private static final String SEPARATOR = "|";
        private static final String NEVER = "never";
        private static final String INDEX_KEY = "%019d|%019d|%s";

        /**
         * The position as a key whose byte order is this order, for an index store scanned in order: zero-padded
         * epoch milliseconds (a round that never expires as the largest), then the id.
         */
        public String indexKey() {
            long deadlineMillis = deadline == null ? Long.MAX_VALUE : deadline.toEpochMilli();
            return String.format(Locale.ROOT, INDEX_KEY, deadlineMillis, tieBreak.toEpochMilli(), id);
        }

        public String toCursor() {
            String deadlinePart = deadline == null ? NEVER : Long.toString(deadline.toEpochMilli());
            String plain = deadlinePart + SEPARATOR + tieBreak.toEpochMilli() + SEPARATOR + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Throws IllegalArgumentException for a cursor this class did not make. */
        public static Position fromCursor(String cursor) {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("not a cursor: " + cursor);
            }
            Instant deadline = NEVER.equals(parts[0]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[0]));
            return new Position(deadline, Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        }
    }

    /** One page, and the cursor of the next one; null when this is the last page. */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /**
     * Which rounds a caller asked for.
     *
     * @param approverGroup only rounds for this approver group, when not null
     * @param text          only rounds whose task, requester, episode id or a reason contain it, ignoring case
     */
    public record Filter(String approverGroup, String text) {

        public boolean matches(PendingApproval round) {
            return (approverGroup == null || approverGroup.equalsIgnoreCase(round.approverGroup()))
                    && (text == null || mentions(round, text.toLowerCase(Locale.ROOT)));
        }

        private static boolean mentions(PendingApproval round, String needle) {
            return contains(round.task(), needle) || contains(round.requestedBy(), needle)
                    || contains(round.episodeId(), needle)
                    || round.reasons().stream().anyMatch(reason -> contains(reason, needle));
        }

        private static boolean contains(String haystack, String needle) {
            return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /** The first page of at most limit items of ones already in order and after the cursor, read no further than needed. */
    public static <T> Page<T> firstPage(Iterator<T> inOrder, Function<T, Position> position, int limit) {
        List<T> shown = new ArrayList<>(limit);
        while (shown.size() < limit && inOrder.hasNext()) {
            shown.add(inOrder.next());
        }
        String next = inOrder.hasNext() && !shown.isEmpty() ? position.apply(shown.get(shown.size() - 1)).toCursor() : null;
        return new Page<>(shown, next);
    }

    /**
     * One page from the pages of several instances, each the first page of its own rounds after the same cursor:
     * the first limit of them all in order (an item two instances both listed, during a rebalance, once). Another
     * page follows when items were left out here or any instance has more.
     */
    public static <T> Page<T> merge(Collection<Page<T>> pages, Function<T, Position> position, int limit) {
        TreeMap<Position, T> inOrder = new TreeMap<>(Position.ORDER);
        pages.forEach(page -> page.items().forEach(item -> inOrder.put(position.apply(item), item)));
        List<Map.Entry<Position, T>> shown = inOrder.entrySet().stream().limit(limit).toList();
        boolean more = inOrder.size() > limit || pages.stream().anyMatch(page -> page.nextCursor() != null);
        String next = more && !shown.isEmpty() ? shown.get(shown.size() - 1).getKey().toCursor() : null;
        return new Page<>(shown.stream().map(Map.Entry::getValue).toList(), next);
    }

    /** The page of at most limit items that come after the cursor (from the start when it is null). */
    public static <T> Page<T> page(List<T> items, Function<T, Position> position, Position after, int limit) {
        List<T> following = items.stream()
                .sorted(Comparator.comparing(position, Position.ORDER))
                .filter(item -> after == null || Position.ORDER.compare(position.apply(item), after) > 0)
                .toList();
        List<T> shown = following.subList(0, Math.min(limit, following.size()));
        String next = following.size() > limit ? position.apply(shown.get(shown.size() - 1)).toCursor() : null;
        return new Page<>(shown, next);
    }
}
