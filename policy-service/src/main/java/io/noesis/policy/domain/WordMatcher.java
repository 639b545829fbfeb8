package io.noesis.policy.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds words in text, ignoring case. In WHOLE_WORD mode a word counts only where it stands alone, so that
 * "drop" is found in "drop the table" but not in "dropdown" or "dropé" (letters and digits of any script are
 * word characters); SUBSTRING mode finds it anywhere, as the seed did.
 */
public final class WordMatcher {

    public enum Matching {
        WHOLE_WORD, SUBSTRING
    }

    private final Pattern pattern;

    public WordMatcher(Collection<String> words, Matching matching) {
        String alternatives = words.stream()
                .map(WordMatcher::normalize)
                .filter(word -> !word.isEmpty())
                .distinct()
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        String regex = matching == Matching.WHOLE_WORD ? "(?<!\\w)(?:" + alternatives + ")(?!\\w)" : alternatives;
        pattern = alternatives.isEmpty() ? null : Pattern.compile(regex,
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
