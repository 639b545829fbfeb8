package io.noesis.policy.domain;

/** What an intervention is about: the episode's plan (its request) or an action proposed mid-run. */
public enum Target {
    PLAN, ACTION
}
