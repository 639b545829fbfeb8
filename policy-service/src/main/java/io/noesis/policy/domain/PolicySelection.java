package io.noesis.policy.domain;

import java.util.List;

/** Which policies a request wants: all built-ins (the default), none, or the ones it names. */
public sealed interface PolicySelection {

    record All() implements PolicySelection {
    }

    record None() implements PolicySelection {
    }

    record Named(List<String> names) implements PolicySelection {
        public Named {
            names = names.stream().map(String::strip).distinct().toList();
        }
    }

    static PolicySelection all() {
        return new All();
    }

    static PolicySelection none() {
        return new None();
    }

    static PolicySelection named(List<String> names) {
        return new Named(names);
    }
}
