using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(KzMigration.Benchmarks.SyntheticPanel).Assembly).Run(args);
