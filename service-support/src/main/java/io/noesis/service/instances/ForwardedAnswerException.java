package io.noesis.service.instances;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpResponse;

/** The instance asked answered with an error: it is passed on to the caller as it came. */
public class ForwardedAnswerException extends RuntimeException {

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final String retryAfter;

    ForwardedAnswerException(int status, String contentType, byte[] body, String retryAfter) {
        super("the instance asked answered " + status);
        this.status = status;
        this.contentType = contentType;
        this.body = body.clone();
        this.retryAfter = retryAfter;
    }

    /** The answer's status, problem document and Retry-After, with the body already read. */
    public static ForwardedAnswerException of(HttpResponse<?> answer, byte[] body) {
        return new ForwardedAnswerException(answer.statusCode(),
                answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(MediaType.APPLICATION_JSON), body,
                answer.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null));
    }

    public int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body.clone();
    }

    String retryAfter() {
        return retryAfter;
    }
}
