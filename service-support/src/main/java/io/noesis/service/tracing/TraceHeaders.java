package io.noesis.service.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The W3C trace context (traceparent, tracestate) in Kafka record headers: how one episode stays one trace
 * across the services. Kafka Streams copies an input record's headers to what it forwards, so a service only
 * has to put the context on the records it writes itself, and start a trace for records that come without one.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    private static final List<String> TRACE_CONTEXT = List.of(TRACEPARENT, "tracestate");
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Headers> SETTER = (headers, name, value) -> headers.remove(name)
            .add(name, value.getBytes(StandardCharsets.UTF_8));
    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String name) {
            Header header = headers == null ? null : headers.lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }

    /** Headers holding the current span's context (a REST request's, say); empty when no span is active. */
    public static Headers current() {
        Headers headers = new RecordHeaders();
        W3C.inject(Context.current(), headers, SETTER);
        return headers;
    }

    /** Headers continuing the trace of the given traceparent. */
    public static Headers of(String traceparent) {
        Headers headers = new RecordHeaders();
        SETTER.set(headers, TRACEPARENT, traceparent);
        return headers;
    }

    public static Optional<String> traceparent(Headers headers) {
        return Optional.ofNullable(GETTER.get(headers, TRACEPARENT));
    }

    /** Only the trace context of the given headers, to put on a record written because of that one. */
    public static Headers copyOf(Headers headers) {
        Headers copy = new RecordHeaders();
        TRACE_CONTEXT.forEach(name -> Optional.ofNullable(headers.lastHeader(name)).ifPresent(copy::add));
        return copy;
    }

    public static boolean hasTraceContext(Headers headers) {
        return Span.fromContext(W3C.extract(Context.root(), headers, GETTER)).getSpanContext().isValid();
    }

    /**
     * Starts a trace for a record that came without one (published straight to Kafka): a span for its receipt,
     * whose context goes into the headers. A no-op tracer leaves the headers as they are.
     */
    public static void startTrace(Tracer tracer, String spanName, Headers headers) {
        Span receipt = tracer.spanBuilder(spanName).setSpanKind(SpanKind.CONSUMER).setNoParent().startSpan();
        try {
            W3C.inject(Context.root().with(receipt), headers, SETTER);
        } finally {
            receipt.end();
        }
    }
}
