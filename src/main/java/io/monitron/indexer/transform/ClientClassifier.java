package io.monitron.indexer.transform;

/**
 * Decides what kind of client made a call, from the user agent and the caller's identity, and reads the client's
 * name, version and operating system where the user agent says them. The first matching rule wins:
 *
 * <ol>
 *   <li>{@code aws_service}: the identity type is {@code AWSService};
 *   <li>{@code cli_sdk}: the user agent (without the brackets CloudTrail puts around some) starts with a known CLI/SDK
 *       product ({@code aws-cli/}, {@code aws-sdk-*},
 *       {@code Boto3/}, {@code botocore/}, {@code APN/} ...), checked before the mobile rule because CLI user agents
 *       name the service they call ({@code command/monitron.list-projects});
 *   <li>{@code mobile_app}: the user agent contains {@code Monitron} (any case);
 *   <li>{@code console}: {@code sessionCredentialFromConsole} is true, or the user agent is
 *       {@code console.amazonaws.com}, {@code AWS Internal} or a browser ({@code Mozilla/...});
 *   <li>{@code aws_service}: the user agent is a service host ({@code *.amazonaws.com}) or {@code invokedBy} is set;
 *   <li>{@code other}.
 * </ol>
 */
final class ClientClassifier {
    static final String CONSOLE = "console";
    static final String MOBILE_APP = "mobile_app";
    static final String CLI_SDK = "cli_sdk";
    static final String AWS_SERVICE = "aws_service";
    static final String OTHER = "other";

    static final String MOBILE_APP_NAME = "Monitron mobile app";

    private static final String[] CLI_SDK_PREFIXES = {
        "aws-cli/",
        "awscli/",
        "aws-sdk-",
        "boto3/",
        "botocore/",
        "apn/",
        "aws-powershell",
        "awspowershell",
        "aws-cdk",
        "aws-chalice/",
        "terraform"
    };

    /** What the classifier found; any part but {@code type} may be {@code null}. */
    record Client(String type, String name, String version, String osName, String osVersion) {
        static Client of(String type) {
            return new Client(type, null, null, null, null);
        }
    }

    private ClientClassifier() {}

    static Client classify(
            String userAgent, String identityType, String invokedBy, Boolean sessionCredentialFromConsole) {
        if ("AWSService".equals(identityType)) {
            return Client.of(AWS_SERVICE);
        }
        String ua = withoutBrackets(userAgent == null ? "" : userAgent.trim());
        if (startsWithCliSdk(ua)) {
            return cliSdk(ua);
        }
        if (containsIgnoreCase(ua, "monitron")) {
            return mobileApp(ua);
        }
        if (Boolean.TRUE.equals(sessionCredentialFromConsole)
                || ua.equalsIgnoreCase("console.amazonaws.com")
                || ua.equalsIgnoreCase("AWS Internal")
                || ua.regionMatches(true, 0, "Mozilla/", 0, 8)) {
            return Client.of(CONSOLE);
        }
        if (endsWithIgnoreCase(ua, ".amazonaws.com") || (invokedBy != null && !invokedBy.isBlank())) {
            return Client.of(AWS_SERVICE);
        }
        return Client.of(OTHER);
    }

    /** CloudTrail writes some CLI agents in brackets: {@code [aws-cli/2.13.5 Python/3.11.4 ...]}. */
    static String withoutBrackets(String ua) {
        return ua.length() > 1 && ua.charAt(0) == '[' && ua.charAt(ua.length() - 1) == ']'
                ? ua.substring(1, ua.length() - 1).trim()
                : ua;
    }

    private static boolean startsWithCliSdk(String ua) {
        for (String prefix : CLI_SDK_PREFIXES) {
            if (ua.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    /** {@code aws-cli/2.15.0 Python/3.11.6 Linux/5.15.0 exe/x86_64...}: the first product token names the client. */
    private static Client cliSdk(String ua) {
        String name = null;
        String version = null;
        String osName = null;
        String osVersion = null;
        int i = 0;
        int length = ua.length();
        while (i < length) {
            int end = ua.indexOf(' ', i);
            if (end < 0) {
                end = length;
            }
            int slash = ua.indexOf('/', i);
            if (slash > i && slash < end) {
                String product = ua.substring(i, slash);
                String productVersion = ua.substring(slash + 1, end);
                // APN/1.0 HashiCorp/1.0 Terraform/1.6 ...: the partner network tokens are not the client
                if (name == null && !product.equalsIgnoreCase("APN") && !product.equalsIgnoreCase("HashiCorp")) {
                    name = product;
                    version = productVersion.isEmpty() ? null : productVersion;
                }
                if (osName == null && isOsToken(product)) {
                    osName = product;
                    osVersion = productVersion.isEmpty() ? null : productVersion;
                } else if (osName == null && product.equals("os") && !productVersion.isEmpty()) {
                    // newer SDKs: os/linux#5.10.186-179.751.amzn2.x86_64, os/macos#23.4.0, os/windows
                    int hash = productVersion.indexOf('#');
                    String os = hash < 0 ? productVersion : productVersion.substring(0, hash);
                    osName = osName(os);
                    osVersion =
                            hash < 0 || hash == productVersion.length() - 1 ? null : productVersion.substring(hash + 1);
                }
            }
            i = end + 1;
        }
        return new Client(CLI_SDK, name, version, osName, osVersion);
    }

    private static String osName(String sdkOs) {
        return switch (sdkOs.toLowerCase(java.util.Locale.ROOT)) {
            case "linux" -> "Linux";
            case "macos", "darwin" -> "macOS";
            case "windows" -> "Windows";
            case "android" -> "Android";
            case "ios" -> "iOS";
            default -> sdkOs;
        };
    }

    private static boolean isOsToken(String product) {
        return product.equals("Linux")
                || product.equals("Darwin")
                || product.equals("Windows")
                || product.equals("Windows_NT")
                || product.equals("Mac_OS_X");
    }

    /** {@code AmazonMonitron/2.5.1 (Android 13; Pixel 7)} or {@code AmazonMonitron/2.5.1 (iOS 17.4; iPhone14,2)}. */
    private static Client mobileApp(String ua) {
        String version = null;
        String osName = null;
        String osVersion = null;
        int at = indexOfIgnoreCase(ua, "monitron");
        int slash = ua.indexOf('/', at);
        if (slash >= 0) {
            int end = slash + 1;
            while (end < ua.length() && ua.charAt(end) != ' ' && ua.charAt(end) != '(' && ua.charAt(end) != ';') {
                end++;
            }
            if (end > slash + 1) {
                version = ua.substring(slash + 1, end);
            }
        }
        int open = ua.indexOf('(');
        if (open >= 0) {
            int close = ua.indexOf(')', open);
            String comment = ua.substring(open + 1, close < 0 ? ua.length() : close);
            int semicolon = comment.indexOf(';');
            String platform = (semicolon < 0 ? comment : comment.substring(0, semicolon)).trim();
            String[] os = splitOs(platform);
            osName = os[0];
            osVersion = os[1];
        }
        return new Client(MOBILE_APP, MOBILE_APP_NAME, version, osName, osVersion);
    }

    /** {@code Android 13} → Android, 13; {@code iOS 17.4} → iOS, 17.4; anything else: name only. */
    private static String[] splitOs(String platform) {
        if (platform.isEmpty()) {
            return new String[2];
        }
        int space = platform.lastIndexOf(' ');
        String name = space < 0 ? platform : platform.substring(0, space).trim();
        String version = space < 0 ? null : platform.substring(space + 1);
        if (name.equalsIgnoreCase("android")) {
            name = "Android";
        } else if (name.equalsIgnoreCase("ios") || name.equalsIgnoreCase("iphone os")) {
            name = "iOS";
        }
        return new String[] {name, version == null || version.isEmpty() ? null : version};
    }

    private static boolean containsIgnoreCase(String text, String lowerNeedle) {
        return indexOfIgnoreCase(text, lowerNeedle) >= 0;
    }

    private static int indexOfIgnoreCase(String text, String needle) {
        if (needle.isEmpty()) {
            return 0;
        }
        int max = text.length() - needle.length();
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        boolean asciiFirst = first < 128;
        for (int i = 0; i <= max; i++) {
            char c = text.charAt(i);
            // an ASCII character matches an ASCII one ignoring case only as its other case: decided without folding;
            // anything else is left to regionMatches, which folds case as String does
            if ((!asciiFirst || c >= 128 || c == lower || c == upper)
                    && text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWithIgnoreCase(String text, String suffix) {
        return text.length() >= suffix.length()
                && text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
