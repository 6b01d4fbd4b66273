package io.reelstream.udfs.ingest;

import java.io.Serializable;

/** Wall-clock "now" for decoding checks (future skew, rejection time); replaceable in tests. */
@FunctionalInterface
public interface WallClock extends Serializable {

    /** The system clock. */
    WallClock SYSTEM = new SystemWallClock();

    long nowMillis();

    /** Reads {@link System#currentTimeMillis()}. */
    final class SystemWallClock implements WallClock {
        private static final long serialVersionUID = 1L;

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }
    }
}
