package io.monitron.indexer.transform.identity;

import io.monitron.indexer.model.DirectoryUser;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.DescribeUserResponse;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;

/**
 * The IAM Identity Center identity store API: {@code identitystore:DescribeUser}, one call per user. Throttling and
 * server errors are retried by the client's retry strategy (build it with
 * {@code io.monitron.indexer.source.aws.IdentityStoreClients}); what is still failing after that is a
 * {@link Lookup.Failed}. The client's exceptions name no credentials.
 */
public final class IdentityStoreDirectory implements UserDirectory {
    private final IdentitystoreClient client;

    /** The caller keeps ownership of {@code client} and closes it. */
    public IdentityStoreDirectory(IdentitystoreClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Lookup describe(String identityStoreId, String userId) {
        try {
            DescribeUserResponse response =
                    client.describeUser(r -> r.identityStoreId(identityStoreId).userId(userId));
            return new Lookup.Found(new DirectoryUser(
                    userId, response.userName(), primaryEmail(response.emails()), displayName(response)));
        } catch (ResourceNotFoundException e) {
            return new Lookup.NotFound(errorMessage(e));
        } catch (SdkException e) {
            return new Lookup.Failed(errorMessage(e));
        }
    }

    /** The primary address, else the first one. */
    private static String primaryEmail(List<Email> emails) {
        if (emails == null || emails.isEmpty()) {
            return null;
        }
        for (Email email : emails) {
            if (Boolean.TRUE.equals(email.primary()) && email.value() != null) {
                return email.value();
            }
        }
        return emails.get(0).value();
    }

    private static String displayName(DescribeUserResponse response) {
        if (response.displayName() != null && !response.displayName().isBlank()) {
            return response.displayName();
        }
        return response.name() == null ? null : response.name().formatted();
    }

    private static String errorMessage(SdkException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
