package io.noesis.approval.streams;

import io.noesis.approval.domain.RoundAdvice;

/** One intervention read from an INTUITION event, with the evaluation it belongs to. */
public record AdviceGiven(String evaluationId, RoundAdvice.Advice advice) {
}
