package io.noesis.audit.domain;

/** Tells what one kind of record means for the trail. */
@FunctionalInterface
public interface Narrator<V> {

    Narration narrate(V record);
}
