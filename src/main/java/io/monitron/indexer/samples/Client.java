package io.monitron.indexer.samples;

import java.util.List;

/**
 * The software that made a call, as its user agent shows it.
 *
 * @param kind what sort of client it is
 * @param userAgent the {@code userAgent} CloudTrail records
 */
record Client(Kind kind, String userAgent) {

    enum Kind {
        /** The AWS Management Console in a browser. */
        CONSOLE,
        /** The Amazon Monitron web app in a browser (not an AWS console session). */
        WEB_APP,
        MOBILE_APP,
        CLI_SDK,
        AWS_SERVICE,
        /** Calls the console or a service makes internally: address and agent both read {@code AWS Internal}. */
        AWS_INTERNAL
    }

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0");

    static final String MONITRON_ANDROID = "AmazonMonitron/2.5.1 (Android 13; Pixel 7)";
    static final String MONITRON_IOS = "AmazonMonitron/2.4.0 (iOS 17.4; iPhone14,2)";

    static final String AWS_CLI = "aws-cli/2.17.50 md/awscrt#0.21.2 ua/2.0 os/linux#6.8.0-1015-aws md/arch#x86_64"
            + " lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24"
            + " md/prompt#off";
    static final String BOTO3 = "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10.226-214.880.amzn2.x86_64"
            + " md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12"
            + " cfg/retry-mode#legacy Botocore/1.35.36";
    static final String TERRAFORM = "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io)"
            + " terraform-provider-aws/5.70.0 (+https://registry.terraform.io/providers/hashicorp/aws)"
            + " aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64";
    static final String JAVA_SDK = "aws-sdk-java/2.28.16 Linux/5.10.226-214.880.amzn2.x86_64"
            + " OpenJDK_64-Bit_Server_VM/17.0.12+7-LTS Java/17.0.12 vendor/Amazon.com_Inc. io/async http/NettyNio"
            + " cfg/retry-mode/legacy";
    static final String SSM_AGENT = "aws-sdk-go/1.44.260 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.987.0";

    static Client console(SeededRandom random) {
        return new Client(Kind.CONSOLE, random.pick(BROWSERS));
    }

    static Client webApp(SeededRandom random) {
        return new Client(Kind.WEB_APP, random.pick(BROWSERS));
    }

    static Client mobileApp(boolean ios) {
        return new Client(Kind.MOBILE_APP, ios ? MONITRON_IOS : MONITRON_ANDROID);
    }

    static Client sdk(String userAgent) {
        return new Client(Kind.CLI_SDK, userAgent);
    }

    static Client service(String host) {
        return new Client(Kind.AWS_SERVICE, host);
    }

    static Client awsInternal() {
        return new Client(Kind.AWS_INTERNAL, "AWS Internal");
    }
}
