package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.transform.identity.IdentityResolver;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who acted ({@code user.*}), who or what was acted upon ({@code user.target.*}, {@code group.name}) and
 * every name the event gives ({@code related.user}); the rules, type by type, are in docs/fields.md ("Users"). The
 * person's own name goes to {@code user.name} as a whole term, so {@code user.name:raj.patel@example.com} finds their
 * console actions; the composite {@code ROLE/SESSION} form stays searchable in {@code related.user}.
 */
final class UserFields {
    private static final String ASSUMED_ROLE = ":assumed-role/";
    private static final String FEDERATED_USER = ":federated-user/";

    private final IdentityResolver resolver;

    UserFields(IdentityResolver resolver) {
        this.resolver = resolver;
    }

    /** The acting user, the target and the related names of one event. */
    record Who(Person user, Person target, String groupName, Set<String> related) {}

    /** A user as the document shows it; any part may be {@code null}. */
    record Person(String name, String id, String email, String fullName, String role) {
        boolean isEmpty() {
            return name == null && id == null && email == null && fullName == null && role == null;
        }
    }

    Who decide(
            UserIdentityFields.Caller caller,
            ObjectNode event,
            String eventSource,
            String eventName,
            EntityExtractor.Entities entities) {
        Set<String> names = new LinkedHashSet<>(8);
        Person user = actingUser(caller, Lenient.object(event, "additionalEventData"), names);
        ObjectNode request = Lenient.object(event, "requestParameters");
        Person target = target(caller, request, eventSource, eventName, entities, names);
        String group = "iam.amazonaws.com".equals(eventSource) ? Lenient.text(request, "groupName") : null;
        // the acting user's own name first, for people reading _source
        Set<String> related = new LinkedHashSet<>(names.size() + 2);
        add(related, user.name());
        add(related, user.email());
        related.addAll(names);
        return new Who(user, target, group, related);
    }

    private Person actingUser(UserIdentityFields.Caller caller, ObjectNode additional, Set<String> related) {
        String type = caller.type() == null ? "" : caller.type();
        String principalId = caller.principalId();
        String userName = caller.userName();
        String eventUserName = Lenient.text(additional, "UserName");
        String roleSession = afterMarker(caller.arn(), ASSUMED_ROLE);
        String role = roleSession == null ? caller.issuerUserName() : before(roleSession, '/');
        String session = roleSession == null ? null : after(roleSession, '/');

        add(related, userName);
        add(related, caller.issuerUserName());
        add(related, roleSession);
        add(related, role);
        add(related, session);
        add(related, principalId);
        add(related, caller.onBehalfOfUserId());
        add(related, caller.accountId());
        add(related, caller.invokedBy());
        add(related, eventUserName);

        boolean identityCenter = type.equals("IdentityCenterUser") || caller.onBehalfOfUserId() != null;
        if (identityCenter) {
            return identityCenterUser(caller, firstOf(eventUserName, userName, session), related);
        }
        Person person =
                switch (type) {
                    case "IAMUser" -> new Person(userName, principalId, null, null, null);
                    case "AssumedRole" ->
                        new Person(session != null ? session : caller.issuerUserName(), principalId, null, null, role);
                    case "Root" -> new Person("root", principalId, null, null, null);
                    case "AWSService" -> new Person(caller.invokedBy(), null, null, null, null);
                    case "AWSAccount" ->
                        new Person(firstOf(userName, caller.accountId(), principalId), principalId, null, null, null);
                    case "FederatedUser" ->
                        new Person(
                                firstOf(afterMarker(caller.arn(), FEDERATED_USER), userName, principalId),
                                principalId,
                                null,
                                null,
                                null);
                    // SAMLUser, WebIdentityUser, Unknown, a future type, or no userIdentity at all
                    default -> new Person(firstOf(eventUserName, userName, principalId), principalId, null, null, null);
                };
        return withEmail(person);
    }

    /**
     * The Identity Center user: the name the event gives ({@code additionalEventData.UserName}, then
     * {@code userName}, then a role session's name), else the resolver's, else the id itself, so such an event always
     * has {@code user.name}.
     */
    private Person identityCenterUser(UserIdentityFields.Caller caller, String namedInEvent, Set<String> related) {
        String id = firstOf(caller.onBehalfOfUserId(), caller.principalId());
        String name = namedInEvent;
        String email = null;
        String fullName = null;
        if (name == null && caller.onBehalfOfUserId() != null) {
            Optional<DirectoryUser> found = resolver.resolve(
                    IdentityResolver.identityStoreId(caller.identityStoreArn()), caller.onBehalfOfUserId());
            if (found.isPresent()) {
                DirectoryUser person = found.get();
                name = firstOf(person.userName(), person.email());
                email = person.email();
                fullName = person.displayName();
                add(related, person.userName());
                add(related, person.email());
            }
        }
        if (name == null) {
            name = id;
        }
        return withEmail(new Person(name, id, email, fullName, null));
    }

    /**
     * The user a call acts on: Monitron's target user (resolved like the caller when only its id is known), the
     * {@code userName} of an IAM call, or the session an STS {@code AssumeRole*} call asks for (its role in
     * {@code role}).
     */
    private Person target(
            UserIdentityFields.Caller caller,
            ObjectNode request,
            String eventSource,
            String eventName,
            EntityExtractor.Entities entities,
            Set<String> related) {
        Person target = null;
        if (entities != null) {
            String id = entities.get(MonitronEntity.TARGET_USER_ID);
            String name = entities.get(MonitronEntity.TARGET_USER_NAME);
            String email = null;
            String fullName = null;
            if (name == null && id != null) {
                Optional<DirectoryUser> found =
                        resolver.resolve(IdentityResolver.identityStoreId(caller.identityStoreArn()), id);
                if (found.isPresent()) {
                    name = firstOf(found.get().userName(), found.get().email());
                    email = found.get().email();
                    fullName = found.get().displayName();
                }
            }
            target = new Person(name, id, email, fullName, null);
        } else if ("iam.amazonaws.com".equals(eventSource)) {
            target = new Person(Lenient.text(request, "userName"), null, null, null, null);
        } else if ("sts.amazonaws.com".equals(eventSource) && eventName != null && eventName.startsWith("AssumeRole")) {
            String roleArn = Lenient.text(request, "roleArn");
            String role = roleArn == null ? null : after(roleArn, '/');
            if (role != null && role.indexOf('/') >= 0) {
                role = role.substring(role.lastIndexOf('/') + 1); // a role path: arn:aws:iam::1:role/path/Name
            }
            target = new Person(Lenient.text(request, "roleSessionName"), null, null, null, role);
        }
        if (target == null) {
            return null;
        }
        target = withEmail(target);
        add(related, target.name());
        add(related, target.id());
        add(related, target.email());
        return target.isEmpty() ? null : target;
    }

    /** Writes {@code user.*} and {@code group.*}; {@code related.user} is written by the caller with the rest. */
    static void write(ObjectNode doc, Who who) {
        ObjectNode user = JsonNodes.child(doc, "user");
        writePerson(user, who.user());
        if (who.target() != null) {
            writePerson(JsonNodes.child(user, "target"), who.target());
            JsonNodes.removeIfEmpty(user, "target");
        }
        JsonNodes.removeIfEmpty(doc, "user");
        if (who.groupName() != null) {
            doc.putObject("group").put("name", who.groupName());
        }
    }

    private static void writePerson(ObjectNode target, Person person) {
        JsonNodes.putText(target, "name", person.name());
        JsonNodes.putText(target, "id", person.id());
        JsonNodes.putText(target, "email", person.email());
        JsonNodes.putText(target, "full_name", person.fullName());
        if (person.role() != null) {
            target.putArray("roles").add(person.role());
        }
    }

    static void writeRelated(ObjectNode related, Collection<String> users) {
        if (!users.isEmpty()) {
            ArrayNode array = related.putArray("user");
            users.forEach(array::add);
        }
    }

    /** {@code user.email} is the name when the name is an e-mail address and no better address is known. */
    private static Person withEmail(Person person) {
        if (person.email() != null || !isEmail(person.name())) {
            return person;
        }
        return new Person(person.name(), person.id(), person.name(), person.fullName(), person.role());
    }

    /** One {@code @} with text before it and a dotted domain after it, no white space. */
    static boolean isEmail(String value) {
        if (value == null) {
            return false;
        }
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return false;
        }
        String domain = value.substring(at + 1);
        int dot = domain.indexOf('.');
        if (dot <= 0 || domain.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void add(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** {@code arn:aws:sts::123:assumed-role/Admin/jane} with marker {@code :assumed-role/} → {@code Admin/jane}. */
    private static String afterMarker(String arn, String marker) {
        if (arn == null) {
            return null;
        }
        int at = arn.indexOf(marker);
        if (at < 0 || at + marker.length() >= arn.length()) {
            return null;
        }
        return arn.substring(at + marker.length());
    }

    private static String before(String value, char separator) {
        int at = value.indexOf(separator);
        return at <= 0 ? value : value.substring(0, at);
    }

    private static String after(String value, char separator) {
        int at = value.indexOf(separator);
        return at < 0 || at == value.length() - 1 ? null : value.substring(at + 1);
    }
}
