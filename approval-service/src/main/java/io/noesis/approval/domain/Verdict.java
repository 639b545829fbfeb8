package io.noesis.approval.domain;

/** What became of a decision. */
public enum Verdict {
    /** An approval counted towards a quorum that is not reached yet. */
    RECORDED,
    /** The approval that completed the quorum: the episode resumes. */
    RESUMED,
    /** A rejection: the episode does not go on. */
    REJECTED,
    /** The decision changed nothing; the refusal says why. */
    REFUSED
}
