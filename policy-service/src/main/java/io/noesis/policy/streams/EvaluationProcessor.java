package io.noesis.policy.streams;

import io.noesis.policy.domain.Evaluation;
import io.noesis.policy.domain.PolicyEngine;
import io.noesis.policy.domain.ProposedAction;
import io.noesis.policy.domain.RequestContext;
import io.noesis.schemas.ActionProposed;
import io.noesis.schemas.EpisodeEvent;
import io.noesis.schemas.EpisodeEventType;
import io.noesis.schemas.EpisodeRequested;
import io.noesis.schemas.PolicyEvaluation;
import io.noesis.service.streams.PromptCommit;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates requests, remembering each one's context, and the actions proposed later in its light. The
 * context is forgotten once the episode can propose nothing more.
 */
final class EvaluationProcessor implements Processor<String, EpisodeEvent, String, PolicyEvaluation> {

    /** Evaluations that ask for a person, on their way to the approvers' queue. */
    private static final PromptCommit ROUNDS = new PromptCommit();

    private static final Set<EpisodeEventType> FINAL = EnumSet.of(
            EpisodeEventType.COMPLETED, EpisodeEventType.FAILED, EpisodeEventType.CANCELLED);

    private final Supplier<PolicyEngine> engines;
    private ProcessorContext<String, PolicyEvaluation> context;
    private KeyValueStore<String, RequestContext> requests;

    EvaluationProcessor(Supplier<PolicyEngine> engines) {
        this.engines = engines;
    }

    @Override
    public void init(ProcessorContext<String, PolicyEvaluation> context) {
        this.context = context;
        this.requests = context.getStateStore(EvaluationTopology.REQUEST_CONTEXTS);
    }

    @Override
    public void process(Record<String, EpisodeEvent> record) {
        EpisodeEvent event = record.value();
        if (event == null) {
            return;
        }
        if (event.getType() == EpisodeEventType.REQUESTED && event.getPayload() instanceof EpisodeRequested requested) {
            emit(record, evaluateRequest(event, requested));
        } else if (event.getType() == EpisodeEventType.ACTION_PROPOSED
                && event.getPayload() instanceof ActionProposed proposed) {
            emit(record, evaluateAction(event, proposed));
        } else if (FINAL.contains(event.getType())) {
            requests.delete(event.getEpisodeId());
        }
    }

    /** An evaluation that asks for a person is on its way to the approvers' queue: it is committed promptly. */
    private void emit(Record<String, EpisodeEvent> record, PolicyEvaluation evaluation) {
        context.forward(record.withValue(evaluation));
        if (evaluation.getRequiresApproval()) {
            ROUNDS.request(context);
        }
    }

    private PolicyEvaluation evaluateRequest(EpisodeEvent event, EpisodeRequested requested) {
        RequestContext request = RequestContext.of(EvaluationRecords.contextOf(requested),
                EvaluationRecords.selectionOf(requested.getIntuition()));
        requests.put(event.getEpisodeId(), request);
        return EvaluationRecords.evaluationOf(event, null,
                engines.get().evaluate(request.episode(), request.selection()));
    }

    private PolicyEvaluation evaluateAction(EpisodeEvent event, ActionProposed proposed) {
        ProposedAction action = EvaluationRecords.actionOf(proposed.getAction());
        RequestContext request = requests.get(event.getEpisodeId());
        PolicyEngine engine = engines.get();
        Evaluation evaluation = request == null ? engine.withoutRequestContext(action)
                : engine.evaluate(request.episode().withAction(action), request.selection());
        return EvaluationRecords.evaluationOf(event, proposed.getAction(), evaluation);
    }
}
