package io.monitron.indexer.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The instructions of a Dockerfile, continuation lines joined and comments dropped. */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword (upper case) and the rest of the line. */
    record Instruction(String keyword, String arguments) {
        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                instructions.add(new Instruction(
                        text.substring(0, space).toUpperCase(java.util.Locale.ROOT), text.substring(space + 1)));
            }
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** {@code COPY} from the build context (not {@code --from=stage}): sources and destination. */
    List<Instruction> contextCopies() {
        return all("COPY").stream()
                .filter(i -> !i.arguments().startsWith("--from="))
                .toList();
    }

    /** {@code COPY --from=stage}. */
    List<Instruction> stageCopies() {
        return all("COPY").stream()
                .filter(i -> i.arguments().startsWith("--from="))
                .toList();
    }
}
