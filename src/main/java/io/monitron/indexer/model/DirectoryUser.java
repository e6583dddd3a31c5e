package io.monitron.indexer.model;

import java.util.Objects;

/**
 * A person in an IAM Identity Center identity store, as far as it is known; any part but {@code userId} may be
 * {@code null}.
 *
 * @param userId the identity-store user id ({@code 94482488-3041-7026-18f3-be45837cd0e4})
 * @param userName the sign-in name (often an e-mail address)
 * @param email the primary e-mail address
 * @param displayName the name shown for the person ({@code Raj Patel})
 */
public record DirectoryUser(String userId, String userName, String email, String displayName) {
    public DirectoryUser {
        Objects.requireNonNull(userId, "userId");
        userName = blankToNull(userName);
        email = blankToNull(email);
        displayName = blankToNull(displayName);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
