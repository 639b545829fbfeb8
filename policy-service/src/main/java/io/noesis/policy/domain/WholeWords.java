package io.noesis.policy.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds words in text, ignoring case, only where they stand as whole words, so that "drop" is found in
 * "drop the table" but not in "dropdown" or "dropé". Letters and digits of any script count as word
 * characters.
 */
final class WholeWords {

    private final Pattern pattern;

    WholeWords(Collection<String> words) {
        String alternatives = words.stream()
                .map(WholeWords::normalize)
                .filter(word -> !word.isEmpty())
                .distinct()
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        pattern = alternatives.isEmpty() ? null : Pattern.compile("(?<!\\w)(?:" + alternatives + ")(?!\\w)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    static String normalize(String word) {
        return word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
    }

    /** The words found, lower-cased, in the order they first appear. */
    Set<String> findIn(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (pattern == null || text == null) {
            return found;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(normalize(matcher.group()));
        }
        return found;
    }
}
