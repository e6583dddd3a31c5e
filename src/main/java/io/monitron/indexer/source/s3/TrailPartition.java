package io.monitron.indexer.source.s3;

/**
 * One account's logs of one region: the unit a trail bucket is split into, and the unit of incremental progress
 * (the checkpoint keeps a watermark date per partition). Its {@link #key()} equals
 * {@link io.monitron.indexer.model.TrailKey#partition()} of the files in it.
 */
public record TrailPartition(String account, String region) {
    /** {@code account/region}. */
    public String key() {
        return account + "/" + region;
    }
}
