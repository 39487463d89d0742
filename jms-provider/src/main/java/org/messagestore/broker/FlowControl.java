package org.messagestore.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of its queues the broker holds in memory (see {@link BrokerConfig#flowControl()}).
 *
 * @param pagingWindow     how many references a queue or durable subscription holds in memory at most
 *                         (waiting ones, due or delayed; delivered ones count against the memory limit
 *                         only). Beyond it persistent messages stay in the store and are paged in, oldest
 *                         first, when the in-memory part drops below half the window. Default
 *                         {@value #DEFAULT_PAGING_WINDOW}
 * @param memoryLimit      bytes (by {@link org.messagestore.model.MessageData#estimatedSize()}) of
 *                         messages the broker holds in memory across all queues, delivered and not yet
 *                         acknowledged ones included. Above it durable queues page every new persistent
 *                         message and page in only {@value QueuePaging#PRESSURE_WINDOW} at a time, and
 *                         sends that need memory meet {@code memoryLimitPolicy}. Default: a quarter of
 *                         the JVM's maximum heap ({@link Runtime#maxMemory()})
 * @param memoryLimitPolicy what such a send meets above the limit; default {@link MemoryLimitPolicy#BLOCK}
 * @param blockTimeout     how long a blocked send waits before it fails with ResourceAllocationException;
 *                         default 30 seconds
 */
public record FlowControl(int pagingWindow, long memoryLimit, MemoryLimitPolicy memoryLimitPolicy, Duration blockTimeout) {

    public static final int DEFAULT_PAGING_WINDOW = 10_000;
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(30);

    public FlowControl {
        if (pagingWindow < 1) {
            throw new IllegalArgumentException("the paging window must be at least 1 message, not " + pagingWindow);
        }
        if (memoryLimit < 1) {
            throw new IllegalArgumentException("the memory limit must be at least 1 byte, not " + memoryLimit);
        }
        Objects.requireNonNull(memoryLimitPolicy, "memoryLimitPolicy");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("the block timeout must not be negative: " + blockTimeout);
        }
    }

    /** The defaults listed above. */
    public static FlowControl defaults() {
        return new FlowControl(DEFAULT_PAGING_WINDOW, Runtime.getRuntime().maxMemory() / 4, MemoryLimitPolicy.BLOCK,
                DEFAULT_BLOCK_TIMEOUT);
    }

    public FlowControl withPagingWindow(int messages) {
        return new FlowControl(messages, memoryLimit, memoryLimitPolicy, blockTimeout);
    }

    public FlowControl withMemoryLimit(long bytes) {
        return new FlowControl(pagingWindow, bytes, memoryLimitPolicy, blockTimeout);
    }

    public FlowControl withMemoryLimitPolicy(MemoryLimitPolicy policy, Duration timeout) {
        return new FlowControl(pagingWindow, memoryLimit, policy, timeout);
    }
}
