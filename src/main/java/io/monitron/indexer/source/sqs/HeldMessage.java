package io.monitron.indexer.source.sqs;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One received message while this worker holds it: how many of the objects it names still wait to be handed to a
 * reader, how many are in work, and whether any was not completed. Settles exactly once, when nothing waits and
 * nothing is in work. Thread-safe.
 */
final class HeldMessage {
    /** What to do with a settled message. */
    enum Settlement {
        /** Every object it named is done: delete it. */
        DELETE,
        /** Something was not done: leave it, so it reappears once its visibility timeout runs out. */
        ABANDON
    }

    final String messageId;
    final String receiptHandle;
    final int receiveCount;
    private final AtomicBoolean permitReturned = new AtomicBoolean();
    private int waiting;
    private int inWork;
    private boolean incomplete;
    private boolean settled;
    /** False once SQS said the receipt handle is no longer valid: extending it is pointless. */
    private volatile boolean extendable = true;

    HeldMessage(String messageId, String receiptHandle, int receiveCount) {
        this.messageId = messageId;
        this.receiptHandle = receiptHandle;
        this.receiveCount = receiveCount;
    }

    /** {@code objects} more objects of this message wait for a reader. */
    synchronized void waiting(int objects) {
        waiting += objects;
    }

    /** An object was handed to a reader. Returns true when no object of this message waits any more. */
    synchronized boolean handedOver() {
        waiting--;
        inWork++;
        return waiting == 0;
    }

    /** An object will never be handed over (the run is stopping): the message is not done. */
    synchronized Settlement dropped() {
        waiting--;
        incomplete = true;
        return settleIfIdle();
    }

    /** An object could not be looked at: the message is not done, but the other objects still are read. */
    synchronized void failed() {
        incomplete = true;
    }

    /** A reader is done with an object; returns the settlement when that was the last thing the message waited for. */
    synchronized Settlement acknowledged(boolean completed) {
        inWork--;
        if (!completed) {
            incomplete = true;
        }
        return settleIfIdle();
    }

    /** Settles now if nothing waits and nothing is in work (e.g. a message whose objects were all passed over). */
    synchronized Settlement settleIfIdle() {
        if (settled || waiting > 0 || inWork > 0) {
            return null;
        }
        settled = true;
        return incomplete ? Settlement.ABANDON : Settlement.DELETE;
    }

    /** Settles now whatever waits or is in work (the message is given back or dead-lettered as a whole). */
    synchronized boolean settleNow() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    synchronized boolean settled() {
        return settled;
    }

    boolean extendable() {
        return extendable;
    }

    void notExtendable() {
        extendable = false;
    }

    /** True the first time only: the message's place among the prefetched ones is given back once. */
    boolean returnPermit() {
        return permitReturned.compareAndSet(false, true);
    }
}
