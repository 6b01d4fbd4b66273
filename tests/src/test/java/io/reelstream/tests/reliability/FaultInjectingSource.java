package io.reelstream.tests.reliability;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Test-only wrapper around a real source (e.g. the jobs' Kafka source) whose readers fail on
 * purpose as a {@link FaultPlan} says: it goes where a job takes its source, so the job under test
 * stays exactly the production graph. Everything else (enumerator, splits, checkpoints, offset
 * commits) is the wrapped source's own.
 */
final class FaultInjectingSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> delegate;
    private final String planId;

    private FaultInjectingSource(Source<T, S, E> delegate, String planId) {
        this.delegate = delegate;
        this.planId = planId;
    }

    static <T, S extends SourceSplit, E> Source<T, S, E> wrap(
            Source<T, S, E> source, FaultPlan plan) {
        return new FaultInjectingSource<>(source, plan.id());
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        FaultPlan plan = FaultPlan.get(planId);
        boolean restored = plan.onReaderCreated();
        return new Reader<>(delegate.createReader(context), plan, restored);
    }

    /** Delegates everything; counts emitted records and consults the plan. */
    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> delegate;
        private final FaultPlan plan;
        private final boolean restored;
        private long emitted;
        private ReaderOutput<T> lastOutput;
        private CountingOutput<T> counting;

        Reader(SourceReader<T, S> delegate, FaultPlan plan, boolean restored) {
            this.delegate = delegate;
            this.plan = plan;
            this.restored = restored;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (output != lastOutput) {
                lastOutput = output;
                counting = new CountingOutput<>(output, this);
            }
            return delegate.pollNext(counting);
        }

        void beforeRecord() {
            plan.beforeRecord(++emitted);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            plan.beforeSnapshot(restored, emitted);
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            delegate.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            delegate.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            plan.onCheckpointComplete();
            delegate.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            delegate.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(
                Collection<String> splitsToPause, Collection<String> splitsToResume) {
            delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }

    /** A reader output (and its per-split outputs) that tells the reader about every record. */
    private static class CountingSourceOutput<T> implements SourceOutput<T> {
        private final SourceOutput<T> delegate;
        private final Reader<T, ?> reader;

        CountingSourceOutput(SourceOutput<T> delegate, Reader<T, ?> reader) {
            this.delegate = delegate;
            this.reader = reader;
        }

        @Override
        public void collect(T record) {
            reader.beforeRecord();
            delegate.collect(record);
        }

        @Override
        public void collect(T record, long timestamp) {
            reader.beforeRecord();
            delegate.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            delegate.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            delegate.markIdle();
        }

        @Override
        public void markActive() {
            delegate.markActive();
        }
    }

    private static final class CountingOutput<T> extends CountingSourceOutput<T>
            implements ReaderOutput<T> {
        private final ReaderOutput<T> output;
        private final Reader<T, ?> reader;

        CountingOutput(ReaderOutput<T> output, Reader<T, ?> reader) {
            super(output, reader);
            this.output = output;
            this.reader = reader;
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            return new CountingSourceOutput<>(output.createOutputForSplit(splitId), reader);
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            output.releaseOutputForSplit(splitId);
        }
    }
}
