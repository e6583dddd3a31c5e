package io.monitron.indexer.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Why a file operation failed, in words a user can act on, for messages that already name the file: {@code permission
 * denied (AccessDeniedException)}. The JDK's own messages for file errors are often the path alone, so a message built
 * from them says {@code cannot list X: X}.
 */
public final class IoFailure {
    private IoFailure() {}

    /** A plain reason followed by the exception's class, never the path again. */
    public static String describe(IOException e) {
        return reason(e) + " (" + e.getClass().getSimpleName() + ")";
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemLoopException) {
            return "the links lead round in a loop";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof NotLinkException) {
            return "not a symbolic link";
        }
        if (e instanceof FileSystemException fs) {
            // the operating system's own words ("Read-only file system", "Too many levels of symbolic links")
            return fs.getReason() == null ? "failed" : plain(fs.getReason());
        }
        String message = e.getMessage();
        if (e instanceof java.io.FileNotFoundException && message != null && message.endsWith(")")) {
            // "PATH (REASON)": the reason alone
            int open = message.lastIndexOf(" (");
            if (open >= 0) {
                return plain(message.substring(open + 2, message.length() - 1));
            }
        }
        return message == null || message.isBlank() ? "failed" : plain(message);
    }

    private static String plain(String reason) {
        String text = reason.strip();
        if (text.equals("Is a directory")) {
            return "it is a folder, not a file";
        }
        return text.isEmpty() ? "failed" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
