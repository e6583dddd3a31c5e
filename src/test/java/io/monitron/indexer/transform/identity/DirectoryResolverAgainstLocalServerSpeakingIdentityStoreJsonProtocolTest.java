package io.monitron.indexer.transform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.port.ResolvedUserStore;
import io.monitron.indexer.source.aws.IdentityStoreClients;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * The identity-store resolver through the real AWS SDK client against a local server speaking the identity store's
 * JSON protocol: a user found (primary e-mail picked), a throttled user (retried by the client, then found), a user
 * that does not exist (counted, the id kept), access denied (counted, never thrown), each user looked up once per run,
 * and users kept between runs.
 * DescribeUser answers one user per call, so there are no pages to follow.
 */
class DirectoryResolverAgainstLocalServerSpeakingIdentityStoreJsonProtocolTest {
    private static final String STORE = "d-9067642ac7";
    private static final String RAJ = "94482488-3041-7026-18f3-be45837cd0e4";
    private static final String MARIA = "c4d8e2a1-7031-70aa-5a1b-0e3f5b7c9d11";
    private static final String NOBODY = "00000000-0000-0000-0000-000000000000";

    private LocalIdentityStore server;
    private IdentitystoreClient client;

    @BeforeEach
    void start() throws IOException {
        server = new LocalIdentityStore(STORE);
        server.addUser(RAJ, "rpatel", "raj.patel@example.com", "Raj Patel");
        server.addUser(MARIA, "maria.lopez@example.com", "maria.lopez@example.com", "Maria Lopez");
        client = IdentityStoreClients.create(
                Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")),
                Optional.of(server.endpoint()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void describeUserFindsThePersonWithThePrimaryEmail() {
        UserDirectory.Lookup lookup = new IdentityStoreDirectory(client).describe(STORE, RAJ);

        assertThat(lookup)
                .isEqualTo(new UserDirectory.Lookup.Found(
                        new DirectoryUser(RAJ, "rpatel", "raj.patel@example.com", "Raj Patel")));
        assertThat(server.received).hasSize(1);
        assertThat(server.received.get(0).target()).isEqualTo(LocalIdentityStore.DESCRIBE_USER);
        assertThat(server.received.get(0).body().path("IdentityStoreId").asText())
                .isEqualTo(STORE);
        assertThat(server.received.get(0).body().path("UserId").asText()).isEqualTo(RAJ);
    }

    @Test
    void throttledUserIsRetriedByTheClientThenFound() {
        server.throttle(MARIA, 2);
        DirectoryResolver resolver =
                DirectoryResolver.create(new IdentityStoreDirectory(client), ResolvedUserStore.NONE);

        Optional<DirectoryUser> user = resolver.resolve(STORE, MARIA);

        assertThat(user).map(DirectoryUser::userName).contains("maria.lopez@example.com");
        assertThat(server.describeCallsFor(MARIA))
                .as("two throttled answers, then the user")
                .isEqualTo(3);
        assertThat(resolver.stats().found()).isEqualTo(1);
        assertThat(resolver.stats().failed()).isZero();
    }

    @Test
    void unknownUserIsCountedAndLookedUpOnlyOncePerRun() {
        DirectoryResolver resolver =
                DirectoryResolver.create(new IdentityStoreDirectory(client), ResolvedUserStore.NONE);

        assertThat(resolver.resolve(STORE, NOBODY)).isEmpty();
        assertThat(resolver.resolve(STORE, NOBODY)).isEmpty();

        assertThat(server.describeCallsFor(NOBODY)).isEqualTo(1);
        assertThat(resolver.stats()).isEqualTo(new DirectoryResolver.Stats(0, 1, 0, 1, 0, 0));
    }

    @Test
    void identityStoreOtherThanTheEventsIsNotFound() {
        UserDirectory.Lookup lookup = new IdentityStoreDirectory(client).describe("d-0000000000", RAJ);

        assertThat(lookup).isInstanceOf(UserDirectory.Lookup.NotFound.class);
    }

    @Test
    void eachUserIsLookedUpOncePerRunAndKeptForTheNextRun() {
        Map<ResolvedUserStore.Key, DirectoryUser> kept = new ConcurrentHashMap<>();
        ResolvedUserStore store = new ResolvedUserStore() {
            @Override
            public Map<Key, DirectoryUser> loadAll() {
                return Map.copyOf(kept);
            }

            @Override
            public void save(Key key, DirectoryUser user) {
                kept.put(key, user);
            }
        };
        DirectoryResolver firstRun = DirectoryResolver.create(new IdentityStoreDirectory(client), store);
        for (int i = 0; i < 5; i++) {
            assertThat(firstRun.resolve(STORE, RAJ)).isPresent();
        }
        DirectoryResolver secondRun = DirectoryResolver.create(new IdentityStoreDirectory(client), store);

        assertThat(secondRun.resolve(STORE, RAJ)).map(DirectoryUser::email).contains("raj.patel@example.com");
        assertThat(server.describeCallsFor(RAJ)).as("one call in two runs").isEqualTo(1);
        assertThat(secondRun.stats().preloaded()).isEqualTo(1);
        assertThat(secondRun.stats().lookups()).isZero();
    }

    @Test
    void accessDeniedIsACountedFailedLookupNeverAnException() {
        server.denyAccess();
        DirectoryResolver resolver =
                DirectoryResolver.create(new IdentityStoreDirectory(client), ResolvedUserStore.NONE);

        assertThat(resolver.resolve(STORE, RAJ)).isEmpty();
        assertThat(resolver.resolve(STORE, RAJ)).isEmpty();
        assertThat(resolver.stats().failed()).isEqualTo(1);
        assertThat(server.describeCallsFor(RAJ))
                .as("not retried, not asked again this run")
                .isEqualTo(1);
    }
}
