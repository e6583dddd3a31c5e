package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything else an account's trail records: EC2, S3, IAM, STS, KMS, Lambda, CloudWatch, SSM, Logs, sign-ins ...
 * in realistic shapes and sizes (about a kilobyte an event on average, from a few hundred bytes to several), so a
 * benchmark corpus can bury Monitron events at 2% or 0.05%. Global services (IAM, sign-in) appear only in us-east-1,
 * as CloudTrail records them.
 */
final class BackgroundActivity {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String GLOBAL_REGION = "us-east-1";
    private static final double FAILURE_RATE = 0.03;

    private interface Template {
        ApiCall call(BackgroundActivity activity, AccountDirectory account, String region);
    }

    private record Weighted(double weight, boolean global, Template template) {}

    private static final List<Weighted> TEMPLATES = List.of(
            new Weighted(10, false, BackgroundActivity::describeInstances),
            new Weighted(1, false, BackgroundActivity::runInstances),
            new Weighted(4, false, BackgroundActivity::createTags),
            new Weighted(5, false, BackgroundActivity::describeSecurityGroups),
            new Weighted(6, false, BackgroundActivity::s3BucketRead),
            new Weighted(1, false, BackgroundActivity::putBucketPolicy),
            new Weighted(4, true, BackgroundActivity::iamRead),
            new Weighted(1, true, BackgroundActivity::createRole),
            new Weighted(10, false, BackgroundActivity::assumeRole),
            new Weighted(22, false, BackgroundActivity::kmsDecrypt),
            new Weighted(3, false, BackgroundActivity::lambdaRead),
            new Weighted(5, false, BackgroundActivity::getMetricData),
            new Weighted(2, false, BackgroundActivity::putMetricAlarm),
            new Weighted(8, false, BackgroundActivity::ssmInstanceInformation),
            new Weighted(4, false, BackgroundActivity::ssmGetParameter),
            new Weighted(5, false, BackgroundActivity::createLogStream),
            new Weighted(1, true, BackgroundActivity::consoleLogin),
            new Weighted(3, false, BackgroundActivity::describeTable),
            new Weighted(2, false, BackgroundActivity::describeStacks));

    private static final double TOTAL_WEIGHT =
            TEMPLATES.stream().mapToDouble(Weighted::weight).sum();
    private static final double REGIONAL_WEIGHT = TEMPLATES.stream()
            .filter(t -> !t.global())
            .mapToDouble(Weighted::weight)
            .sum();

    private final SeededRandom random;

    BackgroundActivity(SeededRandom random) {
        this.random = random;
    }

    /** One call in {@code region} of the given account. */
    ApiCall next(AccountDirectory account, String region) {
        boolean global = GLOBAL_REGION.equals(region);
        double roll = random.fraction() * (global ? TOTAL_WEIGHT : REGIONAL_WEIGHT);
        Template chosen = TEMPLATES.get(0).template();
        for (Weighted weighted : TEMPLATES) {
            if (weighted.global() && !global) {
                continue;
            }
            roll -= weighted.weight();
            if (roll < 0) {
                chosen = weighted.template();
                break;
            }
        }
        ApiCall call = chosen.call(this, account, region);
        if (random.chance(FAILURE_RATE) && !"AwsConsoleSignIn".equals(call.eventType())) {
            boolean ec2 = call.eventSource().startsWith("ec2.");
            String code = random.chance(0.2)
                    ? (ec2 ? "Client.RequestLimitExceeded" : "ThrottlingException")
                    : (ec2 ? "Client.UnauthorizedOperation" : "AccessDenied");
            String message = code.contains("Limit") || code.startsWith("Throttling")
                    ? "Rate exceeded"
                    : "User: " + identityArn(call.caller()) + " is not authorized to perform: "
                            + call.eventSource().replace(".amazonaws.com", "") + ":" + call.eventName();
            return call.failedWith(new ApiCall.Failure(code, message));
        }
        return call;
    }

    private static String identityArn(Caller caller) {
        JsonNode arn = caller.principal().userIdentity(java.time.Instant.EPOCH).get("arn");
        return arn == null ? caller.principal().userName() : arn.asText();
    }

    // --- EC2

    private ApiCall describeInstances(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode();
        ArrayNode items = request.putObject("instancesSet").putArray("items");
        int instances = random.chance(0.5) ? 0 : random.between(1, 6);
        for (int i = 0; i < instances; i++) {
            items.addObject().put("instanceId", instanceId());
        }
        ArrayNode filters = request.putObject("filterSet").putArray("items");
        if (random.chance(0.6)) {
            ObjectNode filter = filters.addObject().put("name", "tag:Environment");
            filter.putObject("valueSet").putArray("items").addObject().put("value", "production");
            ObjectNode state = filters.addObject().put("name", "instance-state-name");
            state.putObject("valueSet").putArray("items").addObject().put("value", "running");
        }
        return call("ec2", "DescribeInstances", account.anyCaller(random), request, null, true);
    }

    private ApiCall runInstances(AccountDirectory account, String region) {
        String imageId = "ami-" + random.hex(17);
        String instanceType = random.pickOne("t3.micro", "m6i.large", "c7g.xlarge", "r6i.2xlarge");
        String subnet = "subnet-" + random.hex(17);
        ObjectNode request = JSON.objectNode();
        request.putObject("instancesSet")
                .putArray("items")
                .addObject()
                .put("imageId", imageId)
                .put("minCount", 1)
                .put("maxCount", 1);
        request.put("instanceType", instanceType).put("subnetId", subnet);
        request.putObject("blockDeviceMapping");
        request.put("monitoring", JSON.objectNode().put("enabled", false).toString());
        request.put("disableApiTermination", false).put("disableApiStop", false).put("clientToken", random.uuid());
        ObjectNode response = JSON.objectNode()
                .put("requestId", random.uuid())
                .put("reservationId", "r-" + random.hex(17))
                .put("ownerId", account.accountId());
        response.putObject("groupSet");
        ObjectNode instance =
                response.putObject("instancesSet").putArray("items").addObject();
        String instanceId = instanceId();
        instance.put("instanceId", instanceId).put("imageId", imageId);
        instance.putObject("currentInstanceBoundary");
        instance.putObject("instanceState").put("code", 0).put("name", "pending");
        instance.put("privateDnsName", "ip-10-0-" + random.below(256) + "-" + random.below(256) + "." + "ec2.internal")
                .put("amiLaunchIndex", 0);
        instance.putObject("productCodes");
        instance.put("instanceType", instanceType).put("launchTime", 1_790_000_000_000L + random.below(1 << 30));
        instance.putObject("placement")
                .put("availabilityZone", region + random.pickOne("a", "b", "c"))
                .put("tenancy", "default");
        instance.putObject("monitoring").put("state", "disabled");
        instance.put("subnetId", subnet)
                .put("vpcId", "vpc-" + random.hex(17))
                .put("privateIpAddress", "10.0." + random.below(256) + "." + random.below(256));
        instance.putObject("stateReason").put("code", "pending").put("message", "pending");
        instance.put("architecture", "x86_64").put("rootDeviceType", "ebs").put("rootDeviceName", "/dev/xvda");
        instance.putObject("blockDeviceMapping");
        instance.put("virtualizationType", "hvm").put("clientToken", random.uuid());
        ObjectNode groups = instance.putObject("groupSet");
        groups.putArray("items")
                .addObject()
                .put("groupId", "sg-" + random.hex(17))
                .put("groupName", "default");
        instance.put("sourceDestCheck", true).put("hypervisor", "xen");
        ObjectNode eni =
                instance.putObject("networkInterfaceSet").putArray("items").addObject();
        eni.put("networkInterfaceId", "eni-" + random.hex(17))
                .put("subnetId", subnet)
                .put("vpcId", "vpc-" + random.hex(17))
                .put("ownerId", account.accountId())
                .put("status", "in-use")
                .put(
                        "macAddress",
                        "0e:" + random.hex(2) + ":" + random.hex(2) + ":" + random.hex(2) + ":" + random.hex(2) + ":"
                                + random.hex(2))
                .put("privateIpAddress", "10.0." + random.below(256) + "." + random.below(256))
                .put("sourceDestCheck", true)
                .put("interfaceType", "interface");
        instance.put("ebsOptimized", false).put("enaSupport", true);
        instance.putObject("cpuOptions").put("coreCount", 1).put("threadsPerCore", 2);
        instance.putObject("capacityReservationSpecification").put("capacityReservationPreference", "open");
        instance.putObject("enclaveOptions").put("enabled", false);
        instance.putObject("metadataOptions")
                .put("state", "pending")
                .put("httpTokens", "required")
                .put("httpPutResponseHopLimit", 2)
                .put("httpEndpoint", "enabled");
        instance.putObject("maintenanceOptions").put("autoRecovery", "default");
        instance.putObject("privateDnsNameOptions")
                .put("hostnameType", "ip-name")
                .put("enableResourceNameDnsARecord", false)
                .put("enableResourceNameDnsAAAARecord", false);
        return call("ec2", "RunInstances", account.anyCaller(random), request, response, false);
    }

    private ApiCall createTags(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode();
        ArrayNode resources = request.putObject("resourcesSet").putArray("items");
        for (int i = random.between(1, 4); i > 0; i--) {
            resources.addObject().put("resourceId", random.chance(0.5) ? instanceId() : "vol-" + random.hex(17));
        }
        ArrayNode tags = request.putObject("tagSet").putArray("items");
        tags.addObject().put("key", "Name").put("value", "worker-" + random.between(1, 99));
        tags.addObject().put("key", "Environment").put("value", random.pickOne("production", "staging"));
        if (random.chance(0.5)) {
            tags.addObject().put("key", "Owner").put("value", "platform-team");
        }
        ObjectNode response = JSON.objectNode().put("requestId", random.uuid()).put("_return", true);
        return call("ec2", "CreateTags", account.anyCaller(random), request, response, false);
    }

    private ApiCall describeSecurityGroups(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode();
        ArrayNode groups = request.putObject("securityGroupSet").putArray("items");
        for (int i = random.below(4); i > 0; i--) {
            groups.addObject().put("groupId", "sg-" + random.hex(17));
        }
        request.putObject("securityGroupIdSet");
        request.putObject("filterSet");
        return call("ec2", "DescribeSecurityGroups", account.anyCaller(random), request, null, true);
    }

    // --- S3 (management events)

    private ApiCall s3BucketRead(AccountDirectory account, String region) {
        String bucket = bucket(account, region);
        String name = random.pickOne(
                "GetBucketAcl",
                "GetBucketPolicy",
                "GetBucketVersioning",
                "GetBucketEncryption",
                "GetBucketPublicAccessBlock",
                "GetBucketLocation");
        String subresource =
                switch (name) {
                    case "GetBucketAcl" -> "acl";
                    case "GetBucketPolicy" -> "policy";
                    case "GetBucketVersioning" -> "versioning";
                    case "GetBucketEncryption" -> "encryption";
                    case "GetBucketPublicAccessBlock" -> "publicAccessBlock";
                    default -> "location";
                };
        ObjectNode request = JSON.objectNode()
                .put("bucketName", bucket)
                .put("Host", bucket + ".s3." + region + ".amazonaws.com")
                .put(subresource, "");
        Caller caller =
                random.chance(0.5) ? AccountDirectory.service("config.amazonaws.com") : account.anyCaller(random);
        return s3(name, caller, bucket, account, request, true, 0, random.between(300, 2000));
    }

    private ApiCall putBucketPolicy(AccountDirectory account, String region) {
        String bucket = bucket(account, region);
        ObjectNode policy = JSON.objectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        for (int i = random.between(1, 4); i > 0; i--) {
            ObjectNode statement =
                    statements.addObject().put("Sid", "Statement" + i).put("Effect", "Allow");
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + account.accountId() + ":root");
            statement.putArray("Action").add("s3:GetObject").add("s3:PutObject");
            statement.putArray("Resource").add("arn:aws:s3:::" + bucket + "/*");
        }
        ObjectNode request =
                JSON.objectNode().put("bucketName", bucket).put("Host", bucket + ".s3." + region + ".amazonaws.com");
        request.set("bucketPolicy", policy);
        request.put("policy", "");
        return s3(
                "PutBucketPolicy",
                account.anyCaller(random),
                bucket,
                account,
                request,
                false,
                policy.toString().length(),
                0);
    }

    private ApiCall s3(
            String name,
            Caller caller,
            String bucket,
            AccountDirectory account,
            ObjectNode request,
            boolean readOnly,
            int bytesIn,
            int bytesOut) {
        ObjectNode additional = JSON.objectNode()
                .put("SignatureVersion", "SigV4")
                .put("CipherSuite", "TLS_AES_128_GCM_SHA256")
                .put("bytesTransferredIn", bytesIn)
                .put("AuthenticationMethod", "AuthHeader")
                .put("x-amz-id-2", random.alphanumeric(76))
                .put("bytesTransferredOut", bytesOut);
        ArrayNode resources = ApiCall.resource(account.accountId(), "AWS::S3::Bucket", "arn:aws:s3:::" + bucket);
        return new ApiCall(
                "s3.amazonaws.com", name, caller, request, null, additional, resources, readOnly, "AwsApiCall", null);
    }

    // --- IAM and STS

    private ApiCall iamRead(AccountDirectory account, String region) {
        String role = random.pickOne(
                "MonitronInventorySync",
                "GitHubActionsDeploy",
                "lambda-exec-reports",
                "AWSServiceRoleForConfig",
                "ecsTaskExecutionRole");
        String name = random.pickOne(
                "GetRole", "ListAttachedRolePolicies", "ListRolePolicies", "ListRoles", "GetPolicyVersion");
        ObjectNode request =
                switch (name) {
                    case "ListRoles" -> JSON.objectNode().put("maxItems", 100);
                    case "GetPolicyVersion" ->
                        JSON.objectNode()
                                .put("policyArn", "arn:aws:iam::" + account.accountId() + ":policy/" + role + "-policy")
                                .put("versionId", "v" + random.between(1, 5));
                    default -> JSON.objectNode().put("roleName", role);
                };
        return call("iam", name, account.anyCaller(random), request, null, true);
    }

    private ApiCall createRole(AccountDirectory account, String region) {
        String role = random.pickOne("lambda-exec-", "ecs-task-", "glue-job-") + random.alphanumeric(6);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        ObjectNode request = JSON.objectNode()
                .put("roleName", role)
                .put("assumeRolePolicyDocument", trust)
                .put("description", "Execution role managed by Terraform")
                .put("maxSessionDuration", 3600);
        ObjectNode response = JSON.objectNode();
        response.putObject("role")
                .put("path", "/")
                .put("roleName", role)
                .put("roleId", "AROA" + random.upperAlphanumeric(16))
                .put("arn", "arn:aws:iam::" + account.accountId() + ":role/" + role)
                .put("createDate", "Oct 1, 2026, 9:00:00 AM")
                .put("assumeRolePolicyDocument", trust.replace("\"", "%22"));
        return call("iam", "CreateRole", account.anyCaller(random), request, response, false);
    }

    private ApiCall assumeRole(AccountDirectory account, String region) {
        String role = random.pickOne(
                "MonitronInventorySync",
                "lambda-exec-reports",
                "ecsTaskExecutionRole",
                "OrganizationAccountAccessRole");
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/" + role;
        String session = random.chance(0.5)
                ? random.hex(32)
                : "botocore-session-" + random.between(1_790_000_000, 1_799_999_999);
        Caller caller = random.chance(0.6)
                ? AccountDirectory.service(random.pickOne("lambda.amazonaws.com", "ecs-tasks.amazonaws.com"))
                : account.anyCaller(random);
        ObjectNode request = JSON.objectNode()
                .put("roleArn", roleArn)
                .put("roleSessionName", session)
                .put("durationSeconds", 3600);
        ObjectNode response = JSON.objectNode();
        response.putObject("credentials")
                .put("accessKeyId", "ASIA" + random.upperAlphanumeric(16))
                .put("sessionToken", "IQoJb3JpZ2luX2Vj" + random.alphanumeric(random.between(200, 520)))
                .put("expiration", "Oct 1, 2026, 11:00:00 PM");
        String roleId = "AROA" + random.upperAlphanumeric(16);
        response.putObject("assumedRoleUser")
                .put("assumedRoleId", roleId + ":" + session)
                .put("arn", "arn:aws:sts::" + account.accountId() + ":assumed-role/" + role + "/" + session);
        ArrayNode resources = ApiCall.resource(account.accountId(), "AWS::IAM::Role", roleArn);
        return new ApiCall(
                "sts.amazonaws.com",
                "AssumeRole",
                caller,
                request,
                response,
                null,
                resources,
                true,
                "AwsApiCall",
                null);
    }

    // --- KMS, Lambda, CloudWatch, SSM, Logs, DynamoDB, CloudFormation

    private ApiCall kmsDecrypt(AccountDirectory account, String region) {
        String keyArn = "arn:aws:kms:" + region + ":" + account.accountId() + ":key/" + random.uuid();
        String name = random.pickOne("Decrypt", "Decrypt", "GenerateDataKey");
        String service = random.pickOne(
                "s3.amazonaws.com", "lambda.amazonaws.com", "secretsmanager.amazonaws.com", "ssm.amazonaws.com");
        ObjectNode request = JSON.objectNode();
        ObjectNode context = request.putObject("encryptionContext");
        switch (service) {
            case "s3.amazonaws.com" ->
                context.put(
                        "aws:s3:arn",
                        "arn:aws:s3:::" + bucket(account, region) + "/exports/" + random.hex(8) + ".parquet");
            case "lambda.amazonaws.com" ->
                context.put(
                        "aws:lambda:FunctionArn",
                        "arn:aws:lambda:" + region + ":" + account.accountId() + ":function:monitron-report-"
                                + random.below(5));
            case "secretsmanager.amazonaws.com" ->
                context.put(
                                "SecretARN",
                                "arn:aws:secretsmanager:" + region + ":" + account.accountId() + ":secret:prod/db-"
                                        + random.alphanumeric(6))
                        .put("SecretVersionId", random.uuid());
            default ->
                context.put(
                        "PARAMETER_ARN",
                        "arn:aws:ssm:" + region + ":" + account.accountId() + ":parameter/app/config/"
                                + random.alphanumeric(8));
        }
        request.put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        if (name.equals("GenerateDataKey")) {
            request.put("keyId", keyArn).put("keySpec", "AES_256");
        }
        ArrayNode resources = ApiCall.resource(account.accountId(), "AWS::KMS::Key", keyArn);
        return new ApiCall(
                "kms.amazonaws.com",
                name,
                AccountDirectory.service(service),
                request,
                null,
                null,
                resources,
                true,
                "AwsApiCall",
                null);
    }

    private ApiCall lambdaRead(AccountDirectory account, String region) {
        String function = "monitron-report-" + random.below(5);
        boolean list = random.chance(0.4);
        ObjectNode request = list ? null : JSON.objectNode().put("functionName", function);
        return call(
                "lambda",
                list ? "ListFunctions20150331" : "GetFunction20150331v2",
                account.anyCaller(random),
                request,
                null,
                true);
    }

    private ApiCall getMetricData(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode();
        ArrayNode queries = request.putArray("metricDataQueries");
        for (int i = random.between(1, 4); i > 0; i--) {
            ObjectNode query = queries.addObject().put("id", "m" + i);
            ObjectNode stat = query.putObject("metricStat");
            ObjectNode metric = stat.putObject("metric")
                    .put("namespace", random.pickOne("AWS/EC2", "AWS/Lambda", "AWS/RDS"))
                    .put("metricName", random.pickOne("CPUUtilization", "Invocations", "Errors", "NetworkIn"));
            metric.putArray("dimensions").addObject().put("name", "InstanceId").put("value", instanceId());
            stat.put("period", 300).put("stat", "Average");
            query.put("returnData", true);
        }
        request.put("startTime", "Oct 1, 2026, 12:00:00 AM").put("endTime", "Oct 1, 2026, 3:00:00 AM");
        return call("monitoring", "GetMetricData", account.anyCaller(random), request, null, true);
    }

    private ApiCall putMetricAlarm(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode()
                .put("alarmName", "high-cpu-" + random.alphanumeric(6))
                .put("alarmDescription", "CPU above threshold for 15 minutes")
                .put("actionsEnabled", true);
        request.putArray("alarmActions").add("arn:aws:sns:" + region + ":" + account.accountId() + ":ops-alerts");
        request.put("metricName", "CPUUtilization").put("namespace", "AWS/EC2").put("statistic", "Average");
        request.putArray("dimensions").addObject().put("name", "InstanceId").put("value", instanceId());
        request.put("period", 300)
                .put("evaluationPeriods", 3)
                .put("threshold", 80.0)
                .put("comparisonOperator", "GreaterThanThreshold")
                .put("treatMissingData", "missing");
        return call("monitoring", "PutMetricAlarm", account.anyCaller(random), request, null, false);
    }

    private ApiCall ssmInstanceInformation(AccountDirectory account, String region) {
        String instance = instanceId();
        Principal role = new Principal.AssumedRole(
                account.accountId(),
                "AmazonSSMRoleForInstancesQuickSetup",
                "AROA" + random.upperAlphanumeric(16),
                instance,
                false,
                null,
                null,
                false);
        Caller caller = new Caller(role, Client.sdk(Client.SSM_AGENT), AccountDirectory.address(random, false));
        ObjectNode request = JSON.objectNode()
                .put("instanceId", instance)
                .put("agentVersion", "3.3.987.0")
                .put("agentStatus", "Active")
                .put("platformType", "Linux")
                .put("platformName", "Amazon Linux")
                .put("platformVersion", "2023")
                .put("iPAddress", "10.0." + random.below(256) + "." + random.below(256))
                .put("computerName", "ip-10-0-" + random.below(256) + "-" + random.below(256) + ".ec2.internal")
                .put("agentName", "amazon-ssm-agent")
                .put("availabilityZone", region + random.pickOne("a", "b", "c"));
        return call("ssm", "UpdateInstanceInformation", caller, request, null, false);
    }

    private ApiCall ssmGetParameter(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode()
                .put("name", "/app/config/" + random.pickOne("db-url", "feature-flags", "monitron-export-bucket"))
                .put("withDecryption", random.chance(0.5));
        return call("ssm", "GetParameter", account.anyCaller(random), request, null, true);
    }

    private ApiCall createLogStream(AccountDirectory account, String region) {
        String function = "monitron-report-" + random.below(5);
        ObjectNode request = JSON.objectNode()
                .put("logGroupName", "/aws/lambda/" + function)
                .put("logStreamName", "2026/10/01/[$LATEST]" + random.hex(32));
        Principal role = new Principal.AssumedRole(
                account.accountId(),
                "lambda-exec-reports",
                "AROA" + random.upperAlphanumeric(16),
                function,
                false,
                null,
                null,
                false);
        Caller caller =
                new Caller(role, Client.service("lambda.amazonaws.com"), AccountDirectory.address(random, false));
        return call("logs", "CreateLogStream", caller, request, null, false);
    }

    private ApiCall consoleLogin(AccountDirectory account, String region) {
        Caller caller = account.consoleCaller(random);
        ObjectNode response = JSON.objectNode().put("ConsoleLogin", random.chance(0.95) ? "Success" : "Failure");
        ObjectNode additional = JSON.objectNode()
                .put("LoginTo", "https://console.aws.amazon.com/console/home")
                .put("MobileVersion", "No")
                .put("MFAUsed", random.chance(0.9) ? "Yes" : "No");
        return new ApiCall(
                "signin.amazonaws.com",
                "ConsoleLogin",
                caller,
                null,
                response,
                additional,
                null,
                false,
                "AwsConsoleSignIn",
                null);
    }

    private ApiCall describeTable(AccountDirectory account, String region) {
        ObjectNode request =
                JSON.objectNode().put("tableName", random.pickOne("sensor-readings", "asset-registry", "work-orders"));
        ArrayNode resources = ApiCall.resource(
                account.accountId(),
                "AWS::DynamoDB::Table",
                "arn:aws:dynamodb:" + region + ":" + account.accountId() + ":table/"
                        + request.get("tableName").asText());
        return new ApiCall(
                "dynamodb.amazonaws.com",
                "DescribeTable",
                account.anyCaller(random),
                request,
                null,
                null,
                resources,
                true,
                "AwsApiCall",
                null);
    }

    private ApiCall describeStacks(AccountDirectory account, String region) {
        ObjectNode request = JSON.objectNode()
                .put(
                        "stackName",
                        "arn:aws:cloudformation:" + region + ":" + account.accountId() + ":stack/monitron-integration/"
                                + random.uuid());
        return call("cloudformation", "DescribeStacks", account.anyCaller(random), request, null, true);
    }

    // --- helpers

    private ApiCall call(
            String service, String name, Caller caller, JsonNode request, JsonNode response, boolean readOnly) {
        return new ApiCall(
                service + ".amazonaws.com", name, caller, request, response, null, null, readOnly, "AwsApiCall", null);
    }

    private String instanceId() {
        return "i-" + random.hex(17);
    }

    private String bucket(AccountDirectory account, String region) {
        return random.pickOne("monitron-exports-", "app-artifacts-", "aws-cloudtrail-logs-") + account.accountId() + "-"
                + region;
    }
}
