package io.monitron.indexer.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.port.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dead letters as newline-delimited JSON, one file per run, created on the first entry. Each entry:
 * {@code {"monitron_dead_letter":1,"time":..,"source":..,"record":..,"reason":..,"raw":..,"raw_truncated":..}}. Raw
 * records longer than {@link #MAX_RAW_CHARS} characters are truncated (and then cannot be re-driven). Feeding the file
 * back to {@code index --path} re-drives the entries whose raw record is whole.
 *
 * <p>{@code source} and {@code record} are always where the record was first read: a re-driven record rejected again
 * keeps them, and its entry adds {@code "redriven_from":..,"redriven_from_record":..}, the dead-letter file and entry
 * it was re-driven from.
 *
 * <p>A failed write is fatal: a dead-letter place that cannot take what it is given would lose records silently.
 */
public final class DeadLetterFile implements DeadLetter {
    public static final int MAX_RAW_CHARS = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();
    private JsonGenerator out;

    public DeadLetterFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path path() {
        return file;
    }

    @Override
    public synchronized void write(Rejection rejection) {
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = MAPPER.getFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
                out.setRootValueSeparator(null);
            }
            out.writeStartObject();
            out.writeNumberField(Rejection.DEAD_LETTER_MARKER, 1);
            out.writeStringField("time", clock.instant().toString());
            out.writeStringField("source", rejection.position().source());
            out.writeNumberField("record", rejection.position().record());
            RecordPosition redrivenFrom = rejection.position().redrivenFrom();
            if (redrivenFrom != null) {
                out.writeStringField("redriven_from", redrivenFrom.source());
                out.writeNumberField("redriven_from_record", redrivenFrom.record());
            }
            out.writeStringField("reason", rejection.reason());
            String raw = rejection.raw();
            if (raw != null) {
                boolean truncated = raw.length() > MAX_RAW_CHARS;
                out.writeStringField("raw", truncated ? raw.substring(0, MAX_RAW_CHARS) : raw);
                out.writeBooleanField("raw_truncated", truncated);
            }
            out.writeEndObject();
            out.writeRaw('\n');
            out.flush();
            count.incrementAndGet();
        } catch (IOException e) {
            throw new SinkException("cannot write the dead-letter file " + file + ": " + cause(e), e);
        }
    }

    /** The reason in words, not the path again (which is what most file-system exceptions hold as their message). */
    static String cause(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way of its folder";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    @Override
    public long count() {
        return count.get();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
