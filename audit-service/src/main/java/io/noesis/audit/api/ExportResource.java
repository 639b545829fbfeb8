package io.noesis.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noesis.audit.domain.ChainLink;
import io.noesis.audit.domain.Period;
import io.noesis.audit.replay.KafkaAccess;
import io.noesis.audit.replay.TopicScan;
import io.noesis.audit.streams.AuditRecords;
import io.noesis.schemas.AuditRecord;
import io.noesis.schemas.Topics;
import io.noesis.service.api.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The audit log over a period, streamed as JSON lines or CSV straight from the log topic: the service
 * holds one poll of records at a time, whatever the size of the export. The period is on the source
 * records' time, [from, to), either end open.
 */
@Path("/audit/export")
@RolesAllowed({"auditor", "admin"})
public class ExportResource {

    static final String JSON_LINES = "application/x-ndjson";
    static final String CSV = "text/csv";

    @Inject
    KafkaAccess kafka;

    @Inject
    ObjectMapper json;

    @GET
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") @DefaultValue("jsonl") String format) {
        Period period = Periods.parse(from, to);
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> false;
            case "csv" -> true;
            default -> throw new InvalidInputException("format", "format must be jsonl or csv");
        };
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(CsvLines.HEADER + "\r\n");
            }
            try (TopicScan<AuditRecord> log = TopicScan.open(kafka.clientConfig(), Topics.AUDIT_LOG.name(),
                    kafka.serdes().valueSerde(Topics.AUDIT_LOG).deserializer(), period.from())) {
                log.forEach(record -> {
                    ChainLink link = AuditRecords.toLink(record.value());
                    if (period.contains(link.sourceTimestamp())) {
                        write(writer, csv ? CsvLines.of(link) + "\r\n" : jsonLine(link));
                    }
                    return true;
                });
            }
            writer.flush();
        };
        return Response.ok(body, csv ? CSV + "; charset=utf-8" : JSON_LINES).build();
    }

    private String jsonLine(ChainLink link) {
        try {
            return json.writeValueAsString(link) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("The client stopped reading the export", e);
        }
    }
}
