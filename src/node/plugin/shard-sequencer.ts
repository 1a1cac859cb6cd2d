import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Vitest's `--shard i/n` splits test files between shards. A built-in dataset is one eval file, so file sharding
// would leave a one-dataset run on one host; instead every model project's eval files run on every shard and each
// shard asks its share of each dataset's cases (src/runtime/shard.ts). Files of other projects shard as Vitest does.

/** Make the sequencer that keeps the eval files of these model projects on every shard. */
export function createShardSequencer(modelProjects: ReadonlySet<string>): typeof BaseSequencer {
  return class EvalShardSequencer extends BaseSequencer {
    override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
      const evals = files.filter((spec) => modelProjects.has(spec.project.name));
      const others = files.filter((spec) => !modelProjects.has(spec.project.name));
      return [...evals, ...(others.length ? await super.shard(others) : [])];
    }
  };
}
