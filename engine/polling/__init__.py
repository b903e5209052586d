"""Pollers: SQS and stream event sources (`sqs_source`, `stream_source`) and the filters
they apply (`filters`), seeing their consumer (a Lambda function, a pipe) as an `Invoker`.

They sit below the services so that every service that polls a queue or a stream shares
one set of rules for batching, ordering and failures, without importing another service.
"""
