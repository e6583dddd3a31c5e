package io.monitron.indexer.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The people, workloads and services active in one account, each with a fixed client and address, so the same
 * person shows up from the same phone or browser and network throughout a run.
 */
final class AccountDirectory {
    private static final List<String> PEOPLE = List.of(
            "maria.garcia",
            "li.wei",
            "james.smith",
            "aisha.khan",
            "lars.nilsson",
            "yuki.tanaka",
            "olga.ivanova",
            "carlos.silva",
            "fatima.zahra",
            "tom.obrien",
            "ana.costa",
            "raj.patel",
            "emma.muller",
            "kofi.mensah");

    private final String accountId;
    private final Caller root;
    private final List<Caller> admins = new ArrayList<>();
    private final List<Caller> internalAdmins = new ArrayList<>();
    private final List<Caller> scripts = new ArrayList<>();
    private final List<Caller> appUsers = new ArrayList<>();

    AccountDirectory(String accountId, String identityStoreArn, SeededRandom random) {
        this.accountId = accountId;
        this.root = new Caller(new Principal.Root(accountId), Client.console(random), address(random, false));
        String ssoSuffix = random.hex(16);
        int offset = random.below(PEOPLE.size());
        for (int i = 0; i < 3; i++) {
            String person = PEOPLE.get((offset + i) % PEOPLE.size());
            String role =
                    (i == 2 ? "AWSReservedSSO_MonitronAdmin_" : "AWSReservedSSO_AdministratorAccess_") + ssoSuffix;
            Principal admin = new Principal.AssumedRole(
                    accountId, role, roleId(random), person + "@example.com", true, null, null, true);
            admins.add(new Caller(admin, Client.console(random), address(random, i == 1)));
            internalAdmins.add(new Caller(admin, Client.awsInternal(), "AWS Internal"));
        }
        scripts.add(new Caller(
                new Principal.IamUser(accountId, "monitron-export", iamId("AIDA", random), iamId("AKIA", random)),
                Client.sdk(Client.AWS_CLI),
                address(random, false)));
        scripts.add(new Caller(
                new Principal.IamUser(accountId, "ops-reporting", iamId("AIDA", random), iamId("AKIA", random)),
                Client.sdk(Client.JAVA_SDK),
                address(random, true)));
        scripts.add(new Caller(
                new Principal.AssumedRole(
                        accountId,
                        "MonitronInventorySync",
                        roleId(random),
                        "monitron-inventory-sync",
                        false,
                        null,
                        null,
                        false),
                Client.sdk(Client.BOTO3),
                address(random, false)));
        scripts.add(new Caller(
                new Principal.AssumedRole(
                        accountId,
                        "GitHubActionsDeploy",
                        roleId(random),
                        "gha-" + random.hex(8),
                        false,
                        "ci-bot",
                        null,
                        false),
                Client.sdk(Client.TERRAFORM),
                address(random, false)));
        for (int i = 0; i < 6; i++) {
            String person = PEOPLE.get((offset + 3 + i) % PEOPLE.size());
            Principal user = new Principal.IdentityCenterUser(
                    accountId,
                    random.hex(10) + "-" + random.uuid(),
                    person,
                    identityStoreArn,
                    random.alphanumeric(20) + "_" + random.alphanumeric(20));
            Client client = i == 5 ? Client.webApp(random) : Client.mobileApp(i % 2 == 1);
            appUsers.add(new Caller(user, client, address(random, i % 3 == 0)));
        }
    }

    String accountId() {
        return accountId;
    }

    /** A caller of the project API: mostly administrators in the console, some scripts, rarely root or a service. */
    Caller projectCaller(SeededRandom random, boolean readOnly) {
        double roll = random.fraction();
        if (roll < 0.04) {
            return root;
        }
        if (readOnly && roll < 0.08) {
            return service("config.amazonaws.com");
        }
        if (readOnly && roll < 0.12) {
            return random.pick(internalAdmins);
        }
        if (roll < 0.35) {
            return random.pick(scripts);
        }
        return random.pick(admins);
    }

    /** A caller of the app API: mostly app users on their phones, some administrators and scripts. */
    Caller appCaller(SeededRandom random) {
        double roll = random.fraction();
        if (roll < 0.70) {
            return random.pick(appUsers);
        }
        if (roll < 0.90) {
            return random.pick(admins);
        }
        return random.pick(scripts);
    }

    /** A caller of some other AWS service. */
    Caller anyCaller(SeededRandom random) {
        double roll = random.fraction();
        if (roll < 0.005) {
            return root;
        }
        if (roll < 0.20) {
            return random.pick(admins);
        }
        if (roll < 0.25) {
            return random.pick(internalAdmins);
        }
        if (roll < 0.60) {
            return scripts.get(random.below(2)); // the IAM users: CI and reporting jobs do most of the calling
        }
        return random.pick(scripts);
    }

    /** Someone signing in to the console: an administrator, rarely root. */
    Caller consoleCaller(SeededRandom random) {
        return random.chance(0.05) ? root : random.pick(admins);
    }

    /** A person who can be given a Monitron role: the app users. */
    Principal.IdentityCenterUser appUser(SeededRandom random) {
        return (Principal.IdentityCenterUser) random.pick(appUsers).principal();
    }

    static Caller service(String host) {
        return new Caller(new Principal.AwsService(host), Client.service(host), host);
    }

    private static String roleId(SeededRandom random) {
        return iamId("AROA", random);
    }

    private static String iamId(String prefix, SeededRandom random) {
        return prefix + random.upperAlphanumeric(16);
    }

    /** Documentation address ranges only (RFC 5737, RFC 3849): the sample must not name anyone's real network. */
    static String address(SeededRandom random, boolean ipv6) {
        if (ipv6) {
            return "2001:db8:" + Integer.toHexString(random.between(1, 0xffff)) + ":"
                    + Integer.toHexString(random.below(0x10000)) + "::"
                    + Integer.toHexString(random.between(1, 0xffff));
        }
        return random.pickOne("192.0.2.", "198.51.100.", "203.0.113.") + random.between(1, 254);
    }
}
