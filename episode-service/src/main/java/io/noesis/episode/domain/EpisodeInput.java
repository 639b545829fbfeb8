package io.noesis.episode.domain;

import io.noesis.schemas.AgentReport;
import io.noesis.schemas.EpisodeCommand;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.PolicyEvaluation;

/** Everything that can happen to an episode, whichever topic it came from. */
public sealed interface EpisodeInput {

    /** What caused the events this input produces, as recorded in each event's source. */
    String source();

    /** How a refusal names this input, e.g. "command RESUME". */
    String label();

    /** The id the input carries, or null when it has none of its own. */
    String inputId();

    record Request(EpisodeRequest request) implements EpisodeInput {
        @Override
        public String source() {
            return "request";
        }

        @Override
        public String label() {
            return "request";
        }

        @Override
        public String inputId() {
            return request.getEpisodeId();
        }
    }

    record Evaluation(PolicyEvaluation evaluation) implements EpisodeInput {
        @Override
        public String source() {
            return "policy:" + evaluation.getEvaluationId();
        }

        @Override
        public String label() {
            return "evaluation " + evaluation.getSubject();
        }

        @Override
        public String inputId() {
            return evaluation.getEvaluationId();
        }
    }

    record Command(EpisodeCommand command) implements EpisodeInput {
        @Override
        public String source() {
            return "command:" + command.getCommandId();
        }

        @Override
        public String label() {
            return "command " + command.getType();
        }

        @Override
        public String inputId() {
            return command.getCommandId();
        }
    }

    record Report(AgentReport report) implements EpisodeInput {
        @Override
        public String source() {
            return "report:" + report.getReportId();
        }

        @Override
        public String label() {
            return "report " + report.getType();
        }

        @Override
        public String inputId() {
            return report.getReportId();
        }
    }
}
