package io.monitron.indexer.transform;

/**
 * An API action name split into its verb and noun: {@code CreateAssetStateTransition} → verb {@code Create}, noun
 * {@code AssetStateTransition}. Used to classify actions no table knows yet.
 */
record ActionName(String verb, String noun) {
    /** The leading capitalised word is the verb; an all-lower-case or empty name has no noun. */
    static ActionName parse(String action) {
        if (action == null || action.isEmpty()) {
            return new ActionName("", "");
        }
        int i = 1;
        while (i < action.length() && !Character.isUpperCase(action.charAt(i))) {
            i++;
        }
        return new ActionName(action.substring(0, i), action.substring(i));
    }

    /** The operation a verb stands for ({@code Describe} reads like {@code Get}); the lower-cased verb otherwise. */
    String operation() {
        return switch (verb) {
            case "Create", "Add", "Register", "Put" -> "create";
            case "Update", "Modify", "Set", "Change", "Edit", "Enable", "Disable" -> "update";
            case "Delete", "Remove", "Deregister" -> "delete";
            case "Get", "Describe", "Read", "Search", "Lookup" -> "get";
            case "List" -> "list";
            case "Associate", "Attach" -> "associate";
            case "Disassociate", "Detach" -> "disassociate";
            case "Tag" -> "tag";
            case "Untag" -> "untag";
            default -> verb.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** {@code AssetStateTransition} → {@code asset_state_transition}; a plural last word becomes singular. */
    String resource() {
        if (noun.isEmpty()) {
            return null;
        }
        StringBuilder snake = new StringBuilder(noun.length() + 8);
        for (int i = 0; i < noun.length(); i++) {
            char c = noun.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(noun.charAt(i - 1))) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return singular(snake.toString());
    }

    private static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
