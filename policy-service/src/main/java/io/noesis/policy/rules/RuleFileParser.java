package io.noesis.policy.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads rule files (YAML), strictly: an unknown field, a wrong type or a bad value is an error naming its line. */
public final class RuleFileParser {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** Thrown for a file that cannot serve; the message says where and why. */
    public static final class InvalidRuleFile extends Exception {

        InvalidRuleFile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static RuleFile parse(String source, String text) throws InvalidRuleFile {
        try {
            RuleFile file = YAML.readValue(text, RuleFile.class);
            if (file == null) {
                throw new InvalidRuleFile(source + ": the file is empty", null);
            }
            return file;
        } catch (JsonProcessingException error) {
            throw new InvalidRuleFile(source + where(error.getLocation()) + ": " + reason(error), error);
        } catch (RuntimeException error) {
            throw new InvalidRuleFile(source + ": " + error.getMessage(), error);
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : ", line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The rule's own words when a rule refused a value, else Jackson's, without its location suffix. */
    private static String reason(JsonProcessingException error) {
        if (error instanceof ValueInstantiationException && error.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        return error.getOriginalMessage();
    }

    private RuleFileParser() {
    }
}
