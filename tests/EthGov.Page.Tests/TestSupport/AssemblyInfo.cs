// Each collection starts its own chain, node and browser: one at a time, so two never share the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
