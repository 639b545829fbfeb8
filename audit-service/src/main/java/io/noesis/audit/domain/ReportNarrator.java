package io.noesis.audit.domain;

import io.noesis.schemas.AgentReport;

/** An agent runtime said how the episode goes. */
public final class ReportNarrator implements Narrator<AgentReport> {

    @Override
    public Narration narrate(AgentReport report) {
        String detail = report.getAction() != null
                ? "proposes " + Wording.quoted(report.getAction().getAction())
                : Wording.quoted(report.getMessage());
        return new Narration(Wording.orUnknown(report.getAgent()), report.getType().name(),
                "report " + report.getReportId() + ": " + detail);
    }
}
