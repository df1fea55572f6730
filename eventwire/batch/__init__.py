"""Batch engines: the pipeline's stages over partitions of the inputs, on Dask workers.

    from eventwire.batch import run_dask_ingest, partition_inputs
    report = run_dask_ingest(["news/"], db="postgresql://...", workers=8)

The local engine is ``eventwire.pipeline.ingest``; this one gives the same articles
and events, resumably (see ``manifest``) and in parallel (see ``dask_engine``).
"""
from eventwire.batch.dask_engine import BatchIngestReport, PartitionResult, dask_client, run_dask_ingest
from eventwire.batch.manifest import Manifest, default_state_dir
from eventwire.batch.partitions import Partition, documents_in_partition, partition_inputs
from eventwire.batch.work import Job, PartitionOutcome, process_partition

__all__ = [
    "BatchIngestReport", "Job", "Manifest", "Partition", "PartitionOutcome", "PartitionResult",
    "dask_client", "default_state_dir", "documents_in_partition", "partition_inputs",
    "process_partition", "run_dask_ingest",
]
