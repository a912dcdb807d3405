"""Deploy a fraud model bundle to an AWS SageMaker real-time endpoint.

Used for the card-issuing regions that run on SageMaker instead of our EKS
cluster. The same container image serves both (``serve`` entry point, /ping and
/invocations on port 8080).

    python deploy/sagemaker_deploy.py \
        --bundle artifacts/champion/bundle.joblib \
        --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud-api:2.4.1 \
        --endpoint fraud-scoring-eu --instance-type ml.c6i.xlarge --instances 2
"""
from __future__ import annotations

import argparse
import json
import logging
import tarfile
import tempfile
import time
from pathlib import Path

import boto3
import sagemaker
from sagemaker.model import Model
from sagemaker.model_monitor import DataCaptureConfig
from sagemaker.predictor import Predictor
from sagemaker.deserializers import JSONDeserializer
from sagemaker.serializers import JSONSerializer

log = logging.getLogger("sagemaker_deploy")


def package_bundle(bundle: Path, workdir: Path) -> Path:
    """SageMaker unpacks model.tar.gz into /opt/ml/model."""
    archive = workdir / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="champion/bundle.joblib")
    return archive


def register_autoscaling(endpoint: str, variant: str, min_instances: int, max_instances: int,
                         invocations_per_instance: int, region: str) -> None:
    client = boto3.client("application-autoscaling", region_name=region)
    resource_id = f"endpoint/{endpoint}/variant/{variant}"
    client.register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId=resource_id,
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=min_instances,
        MaxCapacity=max_instances,
    )
    client.put_scaling_policy(
        PolicyName=f"{endpoint}-invocations",
        ServiceNamespace="sagemaker",
        ResourceId=resource_id,
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": float(invocations_per_instance),
            "PredefinedMetricSpecification": {
                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
            "ScaleInCooldown": 300,
            "ScaleOutCooldown": 60,
        },
    )


def smoke_test(predictor: Predictor) -> None:
    txn = {"transaction_id": "smoke-1", "card_id": "card_000001", "merchant_id": "m_1",
           "merchant_category": "grocery", "amount": 23.4, "country": "DE", "card_country": "DE",
           "channel": "pos", "ts": time.strftime("%Y-%m-%dT%H:%M:%S")}
    response = predictor.predict(txn)
    assert 0.0 <= response["score"] <= 1.0, response
    log.info("smoke test ok: %s", json.dumps(response))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--role", default=None, help="execution role ARN (default: from session)")
    parser.add_argument("--bucket", default=None)
    parser.add_argument("--region", default="eu-west-1")
    parser.add_argument("--instance-type", default="ml.c6i.xlarge")
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--max-instances", type=int, default=10)
    parser.add_argument("--invocations-per-instance", type=int, default=3000)
    args = parser.parse_args()

    session = sagemaker.Session(boto_session=boto3.Session(region_name=args.region))
    role = args.role or sagemaker.get_execution_role(session)
    bucket = args.bucket or session.default_bucket()
    version = time.strftime("%Y%m%d-%H%M%S")

    with tempfile.TemporaryDirectory() as tmp:
        archive = package_bundle(args.bundle, Path(tmp))
        model_data = session.upload_data(str(archive), bucket=bucket,
                                         key_prefix=f"fraud-models/{version}")
    log.info("uploaded model to %s", model_data)

    model = Model(
        image_uri=args.image,
        model_data=model_data,
        role=role,
        name=f"fraud-ensemble-{version}",
        env={"FRAUD_CONFIG": "/opt/fraud/configs/config.yaml", "WORKERS": "4",
             "CHAMPION_DIR": "/opt/ml/model/champion"},
        predictor_cls=Predictor,
        sagemaker_session=session,
    )
    if _endpoint_exists(args.endpoint, args.region):
        # blue/green swap of the endpoint config; SageMaker keeps serving the old fleet
        # until the new one is InService
        model.create(instance_type=args.instance_type)
        predictor = Predictor(args.endpoint, sagemaker_session=session,
                              serializer=JSONSerializer(), deserializer=JSONDeserializer())
        predictor.update_endpoint(model_name=model.name, initial_instance_count=args.instances,
                                  instance_type=args.instance_type, wait=True)
    else:
        predictor = model.deploy(
            initial_instance_count=args.instances,
            instance_type=args.instance_type,
            endpoint_name=args.endpoint,
            serializer=JSONSerializer(),
            deserializer=JSONDeserializer(),
            data_capture_config=DataCaptureConfig(
                enable_capture=True, sampling_percentage=20,
                destination_s3_uri=f"s3://{bucket}/fraud-data-capture/{args.endpoint}"),
        )
    register_autoscaling(args.endpoint, "AllTraffic", args.instances, args.max_instances,
                         args.invocations_per_instance, args.region)
    smoke_test(predictor)
    log.info("endpoint %s is serving fraud-ensemble-%s", args.endpoint, version)


def _endpoint_exists(name: str, region: str) -> bool:
    sm = boto3.client("sagemaker", region_name=region)
    try:
        sm.describe_endpoint(EndpointName=name)
        return True
    except sm.exceptions.ClientError:
        return False


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    main()
