terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
  # Keep the state remote and locked when more than one person applies, for example:
  # backend "s3" { bucket = "my-terraform-state" key = "ml-platform.tfstate" region = "eu-central-1" }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project    = var.name
      managed-by = "terraform"
    }
  }
}
