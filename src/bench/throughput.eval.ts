import { defineThroughputBenchmark } from './suite.ts';

defineThroughputBenchmark();
