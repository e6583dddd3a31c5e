package io.monitron.indexer.source.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SQS client finds the region in an AWS queue URL when none is given. */
class QueueRegionTest {
    @Test
    void readsTheRegionOfAnAwsQueueUrl() {
        assertThat(AwsClients.regionOfQueue("https://sqs.eu-west-1.amazonaws.com/111122223333/trail"))
                .contains("eu-west-1");
        assertThat(AwsClients.regionOfQueue("https://sqs.cn-north-1.amazonaws.com.cn/111122223333/trail"))
                .contains("cn-north-1");
        assertThat(AwsClients.regionOfQueue("https://ap-southeast-2.queue.amazonaws.com/111122223333/trail"))
                .contains("ap-southeast-2");
    }

    @Test
    void otherHostsNameNoRegion() {
        assertThat(AwsClients.regionOfQueue("http://127.0.0.1:9324/000000000000/trail"))
                .isEmpty();
        assertThat(AwsClients.regionOfQueue("https://vpce-0a1b.sqs.eu-west-1.vpce.amazonaws.com/1/trail"))
                .isEmpty();
        assertThat(AwsClients.regionOfQueue("not a url")).isEmpty();
    }
}
