export { createPool, type PoolOptions, type PoolStats, type WorkerPool } from "./pool.ts";
