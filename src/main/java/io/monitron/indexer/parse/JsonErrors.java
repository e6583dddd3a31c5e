package io.monitron.indexer.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Short, content-free descriptions of JSON parse errors, for rejections and logs. */
final class JsonErrors {
    private JsonErrors() {}

    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getCharOffset() >= 0) {
            return message + " (at character " + location.getCharOffset() + " of the record)";
        }
        if (location != null && location.getByteOffset() >= 0) {
            return message + " (at byte " + location.getByteOffset() + " of the record)";
        }
        return message;
    }
}
